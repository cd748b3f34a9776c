namespace PoQ.Evaluators.Tests;

/// <summary>
/// Locates shared/data for the golden checks. These checks must fail — not skip — when the data is missing,
/// so a CI machine without shared/ is noticed instead of silently passing.
/// </summary>
internal static class TestData
{
    public static string RequireDirectory()
    {
        var dir = DataDirectory.Resolve(null);
        if (dir is null || !Corpus.RealCorpusBuilderFacts.HasAllFiles(dir))
        {
            Assert.Fail($"shared/data not found (looked at {DataDirectory.DescribeSearch(null)}); "
                        + "set POQ_DATA or place shared/data beside the repository");
        }

        return dir!;
    }
}
