using ScottPlot;
using SkiaSharp;

namespace PoQ.Experiments.Plots;

/// <summary>
/// Makes every plot use DejaVu Sans shipped inside this assembly, so PNGs carry readable text on a machine without
/// system fonts (a fresh CI machine) and look the same everywhere. Idempotent and thread safe.
/// </summary>
internal static class PlotFonts
{
    public const string Family = "PoQ DejaVu Sans";
    private static readonly Lazy<SKTypeface> Typeface = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();
    private static bool installed;

    public static void Install()
    {
        lock (Gate)
        {
            if (installed)
            {
                return;
            }

            Fonts.FontResolvers.Insert(0, new EmbeddedResolver());
            Fonts.Default = Family;
            Fonts.Sans = Family;
            installed = true;
        }
    }

    private static SKTypeface Load()
    {
        using var stream = typeof(PlotFonts).Assembly.GetManifestResourceStream("PoQ.Experiments.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("embedded font PoQ.Experiments.DejaVuSans.ttf is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        using var data = SKData.CreateCopy(copy.ToArray());
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException("embedded font could not be loaded");
    }

    private sealed class EmbeddedResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            fontName == Family ? Typeface.Value : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Family ? Typeface.Value : null;
    }
}
