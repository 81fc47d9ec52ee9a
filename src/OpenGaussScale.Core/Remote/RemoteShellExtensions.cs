namespace OpenGaussScale.Core.Remote;

/// <summary>Conveniences over <see cref="IRemoteShell"/>.</summary>
public static class RemoteShellExtensions
{
    /// <summary>Runs the command and throws a <see cref="RemoteException"/> (CommandFailed) naming host, user and command on a non-zero exit.</summary>
    public static async Task<CommandResult> RunCheckedAsync(this IRemoteShell shell, RemoteCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shell);
        ArgumentNullException.ThrowIfNull(command);
        var result = await shell.RunAsync(command, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new RemoteException(
                RemoteFailureKind.CommandFailed,
                shell.Target,
                $"{shell.Target.Host}: `{command}` as {shell.Target.User} failed with exit code {result.ExitCode}: {result.Tail()}")
            {
                Result = result,
            };
        }

        return result;
    }
}
