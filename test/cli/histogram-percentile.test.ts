import test from "ava";
import { histogramPercentile } from "../../clients/cli/top/histogram-percentile.js";

const BOUNDS = [10, 20, 50];

test("a percentile interpolates inside the bucket it falls in", (t) => {
  t.is(histogramPercentile([0, 4, 0, 0], BOUNDS, 0.5), 15);
  t.is(histogramPercentile([2, 2, 0, 0], BOUNDS, 0.25), 5);
  t.is(histogramPercentile([2, 2, 0, 0], BOUNDS, 1), 20);
});

test("a percentile in the open last bucket is the last bound, and an empty histogram has none", (t) => {
  t.is(histogramPercentile([1, 0, 0, 9], BOUNDS, 0.99), 50);
  t.is(histogramPercentile([0, 0, 0, 0], BOUNDS, 0.5), undefined);
});
