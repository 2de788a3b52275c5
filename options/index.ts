export { formatOptionHelp, HELP_WIDTH_COLUMNS } from "./format-option-help.js";
export { formatOptionTable } from "./format-option-table.js";
export {
  choiceOption,
  integerOption,
  listOption,
  parseChoice,
  switchOption,
  textOption,
  valueOption,
} from "./option-builders.js";
export { OptionError } from "./option-error.js";
export type { GivenValue, OptionSpec, OptionTable, OptionValues } from "./option-spec.js";
export { type ParsedOptions, parseOptions } from "./parse-options.js";
export { describeRange, parseWholeNumber } from "./parse-whole-number.js";
