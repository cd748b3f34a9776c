namespace PoQ.Api.Tests.Scale;

/// <summary>The test classes that share the one large store (<see cref="LargeHistoryFixture"/>).</summary>
[CollectionDefinition(LargeHistoryFixture.Collection)]
public sealed class LargeHistoryCollection : ICollectionFixture<LargeHistoryFixture>;
