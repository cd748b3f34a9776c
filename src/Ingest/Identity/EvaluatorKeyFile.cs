namespace PoQ.Ingest.Identity;

/// <summary>
/// An evaluator's private key on disk: one line, the base64 of its 32-byte Ed25519 seed, readable by its owner only
/// (mode 600 where the file system has modes). The pipeline never reads it; the evaluator signs with it.
/// </summary>
public static class EvaluatorKeyFile
{
    /// <summary>Writes <paramref name="key"/> to <paramref name="path"/> (creating its folder); refuses to overwrite.</summary>
    public static void Save(string path, EvaluatorKeyPair key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(key);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.WriteLine(Convert.ToBase64String(key.ExportSeed()));
    }

    /// <summary>Reads a key written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> naming the file when it is not one.</summary>
    public static EvaluatorKeyPair Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text = File.ReadAllText(path).Trim();
        var seed = new byte[48];
        if (!Convert.TryFromBase64String(text, seed, out int written) || written != 32)
        {
            throw new InvalidDataException($"{path}: not an evaluator key file (one line, the base64 of a 32-byte Ed25519 seed)");
        }

        return EvaluatorKeyPair.FromSeed(seed.AsSpan(0, 32));
    }
}
