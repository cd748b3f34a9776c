namespace PoQ.Hosting.Tests;

public sealed class HostingSmokeTests
{
    [Fact]
    public void HostingAssembly_IsNamedAsExpected() => Assert.Equal("PoQ.Hosting", typeof(HostingMarker).Assembly.GetName().Name);
}
