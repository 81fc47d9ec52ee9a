namespace OpenGaussScale.Core.Config;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>
/// One problem found in a cluster XML, tied to a line. Line 0 means the file as a whole (it could not be read, or is
/// too large), where no line applies.
/// </summary>
public sealed record ConfigDiagnostic(DiagnosticSeverity Severity, string File, int Line, string Message, string? Hint = null)
{
    /// <summary>`FILE:LINE: message` (warnings say so), the form editors and grep understand.</summary>
    public override string ToString()
    {
        var location = Line > 0 ? $"{File}:{Line}" : File;
        return Severity == DiagnosticSeverity.Warning ? $"{location}: warning: {Message}" : $"{location}: {Message}";
    }
}

/// <summary>The result of reading a cluster XML: the model when there is no error, and every diagnostic sorted by line.</summary>
public sealed record ConfigLoadResult(ClusterConfig? Config, IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    public IEnumerable<ConfigDiagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    public IEnumerable<ConfigDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning);

    public bool Succeeded => Config is not null;
}
