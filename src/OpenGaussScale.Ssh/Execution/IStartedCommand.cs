namespace OpenGaussScale.Ssh.Execution;

/// <summary>A wrapped command that a transport (SSH channel or local process) has started.</summary>
internal interface IStartedCommand : IAsyncDisposable
{
    Stream StandardOutput { get; }

    Stream StandardError { get; }

    /// <summary>Writes the command's standard input (if any) and closes it. Called once the wrapper runs.</summary>
    Task WriteInputAsync(string? standardInput, CancellationToken cancellationToken);

    /// <summary>
    /// The exit code the transport reports. Only used when the wrapper's end marker is missing (the wrapper itself
    /// could not run, e.g. `setsid` not installed), so it waits for the process or channel to finish.
    /// </summary>
    Task<int> WaitForExitCodeAsync(CancellationToken cancellationToken);
}
