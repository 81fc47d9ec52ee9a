namespace OpenGaussScale.Kit.Cli;

/// <summary>A failure a tool reports to its user: the message goes to stderr and the tool exits with <see cref="ExitCode"/>.</summary>
public sealed class KitException : Exception
{
    public KitException(string message, int exitCode = 1)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public KitException()
    {
    }

    public KitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = 1;
}
