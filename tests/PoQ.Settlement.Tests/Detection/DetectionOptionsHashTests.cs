using PoQ.Settlement.Detection;

namespace PoQ.Settlement.Tests.Detection;

public sealed class DetectionOptionsHashTests
{
    [Fact]
    public void Hash_EqualOptions_Equal_AnyChange_Differs()
    {
        var defaults = new DetectionOptions();

        Assert.Equal(defaults.Hash(), new DetectionOptions().Hash());
        Assert.NotEqual(defaults.Hash(), new DetectionOptions { FalseFlagRate = 0.005 }.Hash());
        Assert.NotEqual(defaults.Hash(), new DetectionOptions { MinTasks = 11 }.Hash());
        Assert.NotEqual(defaults.Hash(), new DetectionOptions { MinCorrelation = 0 }.Hash());
        Assert.Equal(16, defaults.Hash().Length);
    }

    [Fact]
    public void Parameters_AreInOrdinalKeyOrder_AndRoundTrip()
    {
        var parameters = new DetectionOptions { AgreementTolerance = 0.1 }.Parameters();

        Assert.Equal(parameters.Select(p => p.Key).Order(StringComparer.Ordinal), parameters.Select(p => p.Key));
        Assert.Equal("0.1", parameters.Single(p => p.Key == "agreement_tolerance").Value);
        Assert.Equal(7, parameters.Count);
    }
}
