using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Pipeline.Offsets;

namespace PoQ.Pipeline.Tests.Offsets;

public sealed class TopicProgressTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Watermark_InFlightRecords_IsTheOldestAndItsTimeIsTheTimeBeforeIt()
    {
        var progress = new TopicProgress(10, T0);
        progress.Merged(10, T0.AddSeconds(1), handledBefore: false);
        progress.Merged(11, T0.AddSeconds(2), handledBefore: false);
        progress.Merged(12, T0.AddSeconds(3), handledBefore: false);
        progress.Handled(10);
        progress.Handled(12);

        Assert.Equal(11, progress.Watermark);
        Assert.Equal(T0.AddSeconds(1), progress.TimeBeforeWatermark);
        Assert.Equal([[12L, 12L]], progress.HandledAhead());
    }

    [Fact]
    public void Watermark_NothingInFlight_IsTheNextOffsetAndTheTopicTime()
    {
        var progress = new TopicProgress(0, null);
        progress.Merged(0, T0.AddSeconds(5), handledBefore: false);
        progress.Merged(1, T0.AddSeconds(4), handledBefore: true);
        progress.Handled(0);

        Assert.Equal(2, progress.Watermark);
        Assert.Equal(T0.AddSeconds(5), progress.TimeBeforeWatermark); // times never go back
        Assert.Empty(progress.HandledAhead());
    }

    [Fact]
    public void HandledAhead_GapsBetweenInFlightOffsets_AreInclusiveRanges()
    {
        var progress = new TopicProgress(0, null);
        for (int offset = 0; offset < 8; offset++)
        {
            progress.Merged(offset, T0, handledBefore: false);
        }

        foreach (int handled in new[] { 1, 2, 4, 6, 7 })
        {
            progress.Handled(handled);
        }

        Assert.Equal(0, progress.Watermark);
        Assert.Equal([[1L, 2L], [4L, 4L], [6L, 7L]], progress.HandledAhead());
    }

    [Property(MaxTest = 500)]
    public Property AnySequence_AgreesWithASortedMapOfTheInFlightOffsets()
    {
        // Mostly the next offset, sometimes a gap, sometimes one merged before (out of order or again); handled in any order.
        var step = Gen.Frequency(
            (6, Gen.Constant(1)), (1, Gen.Choose(2, 5)), (1, Gen.Choose(-6, 0)));
        var operation = from merge in Gen.Frequency((3, Gen.Constant(true)), (2, Gen.Constant(false)))
                        from delta in step
                        from seconds in Gen.Choose(-3, 10)
                        from handledBefore in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
                        from pick in Gen.Choose(0, 1_000)
                        select (merge, delta, seconds, handledBefore, pick);
        return Prop.ForAll(Gen.ListOf(operation).ToArbitrary(), operations =>
        {
            var progress = new TopicProgress(100, null);
            var model = new Model(100);
            long last = 99;
            foreach (var (merge, delta, seconds, handledBefore, pick) in operations)
            {
                if (merge)
                {
                    last = Math.Max(0, last + delta);
                    var time = T0.AddSeconds(seconds);
                    progress.Merged(last, time, handledBefore);
                    model.Merged(last, time, handledBefore);
                }
                else
                {
                    long offset = model.InFlight.Count > 0 && pick % 4 != 0 ? model.InFlight.Keys.ElementAt(pick % model.InFlight.Count) : 90 + (pick % 30);
                    progress.Handled(offset);
                    model.InFlight.Remove(offset);
                }

                Assert.Equal(model.Watermark, progress.Watermark);
                Assert.Equal(model.TimeBeforeWatermark, progress.TimeBeforeWatermark);
                Assert.Equal(model.Next, progress.Next);
                Assert.Equal(model.Time, progress.Time);
                Assert.Equal(model.HandledAhead(), progress.HandledAhead());
            }
        });
    }

    /// <summary>The definition: a sorted map of in-flight offsets to the topic time before each.</summary>
    private sealed class Model(long next)
    {
        public SortedDictionary<long, DateTimeOffset?> InFlight { get; } = [];

        public long Next { get; private set; } = next;

        public DateTimeOffset? Time { get; private set; }

        public long Watermark => InFlight.Count > 0 ? InFlight.First().Key : Next;

        public DateTimeOffset? TimeBeforeWatermark => InFlight.Count > 0 ? InFlight.First().Value : Time;

        public void Merged(long offset, DateTimeOffset time, bool handledBefore)
        {
            if (!handledBefore)
            {
                InFlight[offset] = Time;
            }

            Time = Time is { } t && t > time ? t : time;
            Next = Math.Max(Next, offset + 1);
        }

        public List<long[]> HandledAhead()
        {
            var ranges = new List<long[]>();
            long? previous = null;
            foreach (long offset in InFlight.Keys)
            {
                if (previous is { } p && offset > p + 1)
                {
                    ranges.Add([p + 1, offset - 1]);
                }

                previous = offset;
            }

            if (previous is { } last && Next > last + 1)
            {
                ranges.Add([last + 1, Next - 1]);
            }

            return ranges;
        }
    }
}
