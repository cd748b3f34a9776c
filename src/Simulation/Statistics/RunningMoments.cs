namespace PoQ.Simulation.Statistics;

/// <summary>Count, mean, population standard deviation and sum by Welford's update (numerically stable, one pass).</summary>
public struct RunningMoments
{
    private double m2;

    /// <summary>Number of values added.</summary>
    public long Count { get; private set; }

    /// <summary>Mean; NaN when empty.</summary>
    public readonly double Mean => Count == 0 ? double.NaN : MeanValue;

    /// <summary>Sum of the values, accumulated in insertion order.</summary>
    public double Sum { get; private set; }

    /// <summary>Population standard deviation; NaN when empty.</summary>
    public readonly double StandardDeviation => Count == 0 ? double.NaN : Math.Sqrt(m2 / Count);

    /// <summary>Population variance; NaN when empty.</summary>
    public readonly double Variance => Count == 0 ? double.NaN : m2 / Count;

    private double MeanValue { get; set; }

    /// <summary>Adds one value.</summary>
    public void Add(double value)
    {
        Count++;
        Sum += value;
        double delta = value - MeanValue;
        MeanValue += delta / Count;
        m2 += delta * (value - MeanValue);
    }
}
