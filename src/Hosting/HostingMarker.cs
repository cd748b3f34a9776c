namespace PoQ.Hosting;

/// <summary>Anchor type for assembly lookups (tests, native library resolver registration).</summary>
public static class HostingMarker;
