namespace PoQ.Settlement.Detection;

/// <summary>
/// Streaming means and co-moments of paired values (Welford's update, bivariate), so a pair's deviation correlation is
/// accumulated task by task without keeping its tasks. Values are added in the detector's canonical task order, which
/// makes the result independent of the input order.
/// </summary>
internal struct CoMoments
{
    private double meanX;
    private double meanY;
    private double sxx;
    private double syy;
    private double sxy;

    public int Count { get; private set; }

    public void Add(double x, double y)
    {
        Count++;
        double dx = x - meanX;
        meanX += dx / Count;
        double dy = y - meanY;
        meanY += dy / Count;
        sxx += dx * (x - meanX);
        syy += dy * (y - meanY);
        sxy += dx * (y - meanY);
    }

    /// <summary>Pearson's r; NaN with fewer than two pairs or a constant side.</summary>
    public readonly double Correlation => Count < 2 || sxx <= 0 || syy <= 0 ? double.NaN : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
}
