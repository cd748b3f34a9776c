using PoQ.Pipeline;
using PoQ.Pipeline.Kafka;

namespace PoQ.Pipeline.Tests.Kafka;

/// <summary>The pause requests and their count (<c>partition_pauses</c> in the bench, <see cref="PipelineCounters.PartitionPauses"/>).</summary>
public sealed class FlowControlTests
{
    [Fact]
    public void APause_IsCountedOnce_UntilThePartitionResumes()
    {
        var counters = new PipelineCounters();
        var flow = new FlowControl(counters.OnPartitionPaused);

        flow.Request("scores", 0, pause: true);
        flow.Request("scores", 0, pause: true); // still paused: not a new pause
        flow.Request("scores", 0, pause: false);
        flow.Request("scores", 0, pause: true);
        flow.Request("tasks", 0, pause: true); // the other topic of the partition counts on its own
        flow.Request("scores", 1, pause: false); // a resume that was never paused

        Assert.Equal(3, counters.PartitionPauses);
        Assert.Contains(flow.Requests, r => r.Key == ("scores", 0) && r.Value);
        Assert.Contains(flow.Requests, r => r.Key == ("scores", 1) && !r.Value);
    }

    [Fact]
    public void AForgottenPartition_CountsItsNextPauseAgain()
    {
        var counters = new PipelineCounters();
        var flow = new FlowControl(counters.OnPartitionPaused);

        flow.Request("scores", 3, pause: true);
        flow.Forget(3); // revoked: a new owner starts unpaused
        flow.Request("scores", 3, pause: true);

        Assert.Equal(2, counters.PartitionPauses);
    }
}
