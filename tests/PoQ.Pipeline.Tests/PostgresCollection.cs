using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests;

/// <summary>One PostgreSQL for every test class of this assembly marked <c>[Collection(PostgresFixture.Collection)]</c>.</summary>
[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
