using System.Security.Cryptography;
using System.Text;

namespace PoQ.Evaluators.Corpus;

/// <summary>
/// Binary cache of a built corpus. The key hashes what the scores depend on (data file names, sizes and
/// modification times, sample options, evaluator names, format version), so a stale cache is never read.
/// Files are written to a temporary name and moved into place, so a crash never leaves a torn cache.
/// </summary>
public static class CorpusCache
{
    // Bump when the scoring code changes in a way that alters scores.
    private const int FormatVersion = 1;
    private const string Magic = "POQCORPUS";

    /// <summary>Hex key for the given inputs.</summary>
    public static string Key(string dataDirectory, IEnumerable<string> fileNames, CorpusOptions options,
        IReadOnlyList<string> evaluatorNames)
    {
        var sb = new StringBuilder();
        sb.Append("v=").Append(FormatVersion).Append('\n');
        foreach (var name in fileNames)
        {
            var info = new FileInfo(Path.Combine(dataDirectory, name));
            sb.Append(name).Append(':').Append(info.Length).Append(':')
              .Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }

        sb.Append("qa=").Append(options.QaQuestions).Append(";sum=").Append(options.SummarizationRows)
          .Append(";seed=").Append(options.Seed).Append('\n');
        sb.Append("evaluators=").Append(string.Join(',', evaluatorNames));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexStringLower(hash)[..24];
    }

    public static string PathFor(string cacheDirectory, string key) => Path.Combine(cacheDirectory, $"corpus-{key}.bin");

    public static void Write(string path, string key, EvaluationCorpus corpus)
    {
        var dir = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        var temp = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = File.Create(temp))
        using (var w = new BinaryWriter(stream, Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(key);
            w.Write(corpus.IsSynthetic);
            w.Write(corpus.SourceDescription);
            w.Write(corpus.EvaluatorNames.Count);
            foreach (var name in corpus.EvaluatorNames)
            {
                w.Write(name);
            }

            w.Write(corpus.Items.Count);
            foreach (var item in corpus.Items)
            {
                w.Write(item.Id);
                w.Write((byte)item.Kind);
                w.Write(item.System);
                w.Write(item.Proxy);
                w.Write(item.SecondProxy.HasValue);
                w.Write(item.SecondProxy ?? 0.0);
            }

            foreach (var s in corpus.CopyScores())
            {
                w.Write(s);
            }
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The cached corpus, or null when the file is missing, of another format or key, or unreadable.</summary>
    public static EvaluationCorpus? TryRead(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            if (r.ReadString() != Magic || r.ReadInt32() != FormatVersion || r.ReadString() != key)
            {
                return null;
            }

            var synthetic = r.ReadBoolean();
            var description = r.ReadString();
            var names = new string[r.ReadInt32()];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = r.ReadString();
            }

            var items = new CorpusItem[r.ReadInt32()];
            for (var i = 0; i < items.Length; i++)
            {
                var id = r.ReadString();
                var kind = (TaskKind)r.ReadByte();
                var system = r.ReadString();
                var proxy = r.ReadDouble();
                var hasSecond = r.ReadBoolean();
                var second = r.ReadDouble();
                items[i] = new CorpusItem(id, kind, system, proxy, hasSecond ? second : null);
            }

            var scores = new double[items.Length * names.Length];
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = r.ReadDouble();
            }

            return new EvaluationCorpus(items, names, scores, synthetic, description);
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or InvalidDataException)
        {
            // A truncated or foreign file is a cache miss, not an error: it is rebuilt and overwritten.
            return null;
        }
    }
}
