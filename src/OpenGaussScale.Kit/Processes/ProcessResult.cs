namespace OpenGaussScale.Kit.Processes;

/// <summary>How a child process ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>stderr, or stdout when stderr is empty: the text to show when the process failed.</summary>
    public string FailureText => (StandardError.Trim().Length > 0 ? StandardError : StandardOutput).Trim();
}
