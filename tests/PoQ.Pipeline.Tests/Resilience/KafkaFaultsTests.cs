using Confluent.Kafka;
using PoQ.Pipeline.Resilience;

namespace PoQ.Pipeline.Tests.Resilience;

public sealed class KafkaFaultsTests
{
    [Theory]
    [InlineData(ErrorCode.Local_AllBrokersDown)]
    [InlineData(ErrorCode.Local_Transport)]
    [InlineData(ErrorCode.Local_MsgTimedOut)]
    [InlineData(ErrorCode.NotLeaderForPartition)]
    [InlineData(ErrorCode.RequestTimedOut)]
    public void A_broker_outage_is_waited_out(ErrorCode code)
    {
        Assert.True(KafkaFaults.IsTransient(new ProduceException<string, string>(new Error(code), new DeliveryResult<string, string>())));
        Assert.True(KafkaFaults.IsBrokerUnreachable(new Error(code)));
    }

    [Theory]
    [InlineData(ErrorCode.MsgSizeTooLarge)] // waiting would stall the pipeline forever
    [InlineData(ErrorCode.TopicAuthorizationFailed)]
    [InlineData(ErrorCode.InvalidMsg)]
    public void A_permanent_error_is_not(ErrorCode code)
    {
        Assert.False(KafkaFaults.IsTransient(new KafkaException(new Error(code))));
    }

    [Fact]
    public void A_fatal_error_is_not_even_when_its_code_would_be()
    {
        Assert.False(KafkaFaults.IsTransient(new KafkaException(new Error(ErrorCode.Local_Transport, "fatal", isFatal: true))));
        Assert.False(KafkaFaults.IsTransient(new InvalidOperationException("not Kafka")));
    }
}
