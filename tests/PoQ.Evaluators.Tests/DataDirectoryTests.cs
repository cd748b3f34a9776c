namespace PoQ.Evaluators.Tests;

public class DataDirectoryTests
{
    [Fact]
    public void Resolve_ExplicitExistingPath_Wins()
    {
        var dir = Directory.CreateTempSubdirectory("poq-data-").FullName;
        try
        {
            Assert.Equal(Path.GetFullPath(dir), DataDirectory.Resolve(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Resolve_ExplicitMissingPath_IsNull_NotAFallback() =>
        Assert.Null(DataDirectory.Resolve("/nonexistent/poq/data"));

    [Fact]
    public void Resolve_WithoutArguments_FindsSharedDataBesideAnAncestor()
    {
        // The worktree and CI clone both have shared/ beside an ancestor; this is the search the CLI relies on.
        var dir = TestData.RequireDirectory();
        Assert.EndsWith(Path.Combine("shared", "data"), dir, StringComparison.Ordinal);
    }
}
