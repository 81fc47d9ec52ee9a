using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.Tests.Fakes;

/// <summary>
/// Node shells whose commands are answered by a script: a function from (node, user, argv) to a result. A command the
/// script does not answer fails the test, so code cannot issue commands the test did not expect.
/// </summary>
internal sealed class ScriptedShells(Func<NodeConfig, string, IReadOnlyList<string>, CommandResult?> script) : INodeShells
{
    public HashSet<(string Host, string User)> Unreachable { get; } = [];

    /// <summary>Nodes (and users) whose connection fails with the given exception, e.g. a changed host key.</summary>
    public Dictionary<(string Host, string User), RemoteException> Refused { get; } = [];

    public List<(string Host, string User, RemoteCommand Command)> Log { get; } = [];

    public Task<IRemoteShell> OpenAsync(NodeConfig node, string user, CancellationToken cancellationToken)
    {
        if (Unreachable.Contains((node.BackIp, user)))
        {
            throw new RemoteException(
                RemoteFailureKind.ConnectionRefused,
                new RemoteTarget(node.SshIp, node.SshPort, user),
                $"{node.SshIp}:{node.SshPort}: connection refused (ssh as {user})",
                "start sshd on it");
        }

        if (Refused.TryGetValue((node.BackIp, user), out var refusal))
        {
            throw refusal;
        }

        return Task.FromResult<IRemoteShell>(new Shell(this, node, user));
    }

    public static CommandResult Ok(string stdout = "") => new(0, stdout, "", TimeSpan.Zero);

    private sealed class Shell(ScriptedShells owner, NodeConfig node, string user) : IRemoteShell
    {
        public RemoteTarget Target { get; } = new(node.SshIp, node.SshPort, user);

        public bool IsLocal => false;

        public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
        {
            lock (owner.Log)
            {
                owner.Log.Add((node.BackIp, user, command));
            }

            var result = owner.RunScript(node, user, command.Argv)
                ?? throw new Xunit.Sdk.XunitException($"unexpected command on {node.BackIp} as {user}: {command}");
            return Task.FromResult(result);
        }

        public Task<UploadResult> UploadAsync(FileUpload upload, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
            throw new Xunit.Sdk.XunitException($"unexpected upload to {node.BackIp}: {upload.RemotePath}");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private CommandResult? RunScript(NodeConfig node, string user, IReadOnlyList<string> argv) => script(node, user, argv);
}
