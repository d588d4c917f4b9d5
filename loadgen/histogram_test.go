package loadgen

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestHistogramQuantiles compares the histogram's quantiles with exact ones over
// sorted samples: they must agree within the bucket precision (under 1%).
func TestHistogramQuantiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var h histogram
	samples := make([]time.Duration, 100_000)
	for i := range samples {
		// A long tail: mostly around 300 µs, some up to a second.
		d := time.Duration(rng.ExpFloat64() * 300e3)
		if i%100 == 0 {
			d = time.Duration(rng.Int64N(int64(time.Second)))
		}
		samples[i] = d
		h.record(d)
	}
	slices.Sort(samples)
	for _, q := range []float64{0.5, 0.95, 0.99, 0.999} {
		exact := samples[int(q*float64(len(samples)))-1]
		got := h.quantile(q)
		if diff := float64(got-exact) / float64(exact); diff > 0.01 || diff < -0.01 {
			t.Errorf("q%.3f: histogram %v, exact %v", q, got, exact)
		}
	}
	if s := h.summary(); s.Count != int64(len(samples)) || s.Max != ms(samples[len(samples)-1]) {
		t.Errorf("summary %+v: want count %d and max %v", s, len(samples), samples[len(samples)-1])
	}
}

// TestBucketsCoverEveryValue checks that each bucket's middle maps back to it, from
// the smallest value to the largest.
func TestBucketsCoverEveryValue(t *testing.T) {
	for _, v := range []int64{0, 1, 127, 128, 255, 256, 1000, 1 << 40, 1<<62 + 12345, 1<<63 - 1} {
		i := bucketOf(v)
		if i < 0 || i >= histBuckets {
			t.Fatalf("value %d: bucket %d out of range", v, i)
		}
		if bucketOf(bucketMid(i)) != i {
			t.Errorf("value %d: bucket %d's middle %d maps to bucket %d", v, i, bucketMid(i), bucketOf(bucketMid(i)))
		}
	}
}
