namespace OpenGaussScale.Core.Config;

/// <summary>Collects the diagnostics of one file while it is read and checked, so every problem is reported at once.</summary>
internal sealed class DiagnosticBag(string file)
{
    /// <summary>The most diagnostics reported; a wrong or hostile file could otherwise produce hundreds of thousands.</summary>
    public const int MaxReported = 1000;

    private readonly List<ConfigDiagnostic> _items = [];

    public string File { get; } = DiagnosticText.OneLine(file);

    public bool HasErrors => _items.Exists(d => d.Severity == DiagnosticSeverity.Error);

    public void Error(int line, string message, string? hint = null) => Add(DiagnosticSeverity.Error, line, message, hint);

    public void Warning(int line, string message, string? hint = null) => Add(DiagnosticSeverity.Warning, line, message, hint);

    /// <summary>
    /// Every diagnostic sorted by line (stable: same-line diagnostics keep the order they were found in). The same
    /// message twice on one line (a bad host listed twice in one PARAM) is shown once. Beyond
    /// <see cref="MaxReported"/>, one last diagnostic says how many more there are.
    /// </summary>
    public IReadOnlyList<ConfigDiagnostic> Sorted()
    {
        var all = _items.Distinct().OrderBy(d => d.Line).ToList();
        if (all.Count <= MaxReported)
        {
            return all;
        }

        var shown = all.Take(MaxReported - 1).ToList();
        var rest = all.Skip(MaxReported - 1).ToList();
        var errors = rest.Count(d => d.Severity == DiagnosticSeverity.Error);
        shown.Add(new ConfigDiagnostic(
            errors > 0 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
            File,
            rest[0].Line,
            $"{rest.Count} more problems from this line on are not shown ({errors} of them errors)",
            "is this the cluster XML? fix the problems above and run again"));
        return shown;
    }

    // Whatever a message quotes from the file (or from the XML parser), it stays on one line.
    private void Add(DiagnosticSeverity severity, int line, string message, string? hint) =>
        _items.Add(new ConfigDiagnostic(severity, File, line, DiagnosticText.OneLine(message), hint is null ? null : DiagnosticText.OneLine(hint)));
}
