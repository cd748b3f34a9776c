using PoQ.Projections.Queries;
using PoQ.Projections.Store;

namespace PoQ.Api.Tests.Scale;

/// <summary>The large store is what the scale tests claim it is: every task recorded, and it re-derives clean.</summary>
[Collection(LargeHistoryFixture.Collection)]
public sealed class LargeHistoryStoreTests(LargeHistoryFixture history)
{
    [Fact]
    public async Task Store_HoldsEveryTask_AndVerifiesClean()
    {
        using var store = PoqStore.Create(history.ConnectionString);
        await using var session = store.QuerySession();

        var status = await StoreSummaryQuery.LoadAsync(session, history.ConnectionString, default);

        Assert.Equal(LargeHistoryFixture.Tasks, status.TasksFinalized + status.TasksInsufficient);
        Assert.Equal(LargeHistoryFixture.Tasks, history.Verification.TasksChecked);
        Assert.Empty(history.Verification.Mismatches);
    }
}
