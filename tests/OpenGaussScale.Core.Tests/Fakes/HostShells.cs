using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.Tests.Fakes;

/// <summary>
/// Node shells for operation tests: the host checks' trust and facts probes get healthy canned answers, everything
/// else (lock, journal) runs in this machine's /bin/sh against a temporary directory.
/// </summary>
internal sealed class HostShells : INodeShells
{
    public Task<IRemoteShell> OpenAsync(NodeConfig node, string user, CancellationToken cancellationToken) =>
        Task.FromResult<IRemoteShell>(new Shell(new ProcessShell(node.BackIp, user)));

    private sealed class Shell(ProcessShell inner) : IRemoteShell
    {
        public RemoteTarget Target => inner.Target;

        public bool IsLocal => false;

        public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
        {
            var argv = command.Argv;
            if (argv.Count > 3 && argv[3] == "ogscale-trust")
            {
                return Task.FromResult(ScriptedShells.Ok(string.Concat(argv.Skip(4).Select(t => $"{t} 0 \n"))));
            }

            if (argv.Count > 3 && argv[3] == "ogscale-facts")
            {
                return Task.FromResult(ScriptedShells.Ok("id=debian\nversion=12\nmachine=x86_64\nuser=yes\npgroup=dbgrp\ngroup=yes\n"));
            }

            return inner.RunAsync(command, cancellationToken);
        }

        public Task<UploadResult> UploadAsync(FileUpload upload, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
            inner.UploadAsync(upload, progress, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
