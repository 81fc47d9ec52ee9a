namespace OpenGaussScale.Core.Errors;

/// <summary>
/// An error meant for the user: a lowercase message that names the host and the thing, an optional
/// hint sentence with the fix, and the exit code the process ends with.
/// </summary>
public class OgscaleException : Exception
{
    public OgscaleException(string message, string? hint = null, int exitCode = ExitCodes.Unexpected, Exception? innerException = null)
        : base(message, innerException)
    {
        Hint = hint;
        ExitCode = exitCode;
    }

    public OgscaleException()
        : this("unexpected error")
    {
    }

    public OgscaleException(string message)
        : this(message, hint: null)
    {
    }

    public OgscaleException(string message, Exception innerException)
        : this(message, null, ExitCodes.Unexpected, innerException)
    {
    }

    /// <summary>A sentence telling the user what to do about it, or null.</summary>
    public string? Hint { get; }

    /// <summary>The exit code (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; }
}
