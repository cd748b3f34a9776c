namespace PoQ.Testing;

/// <summary>Anchor type of the shared integration-test fixtures.</summary>
public static class TestingMarker;
