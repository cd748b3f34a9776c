using PoQ.Evaluators.Corpus;

namespace PoQ.Evaluators.Tests.Corpus;

internal static class RealCorpusBuilderFacts
{
    public static bool HasAllFiles(string dir) => RealCorpusBuilder.HasData(dir);
}
