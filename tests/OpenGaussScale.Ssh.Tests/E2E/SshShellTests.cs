using OpenGaussScale.Core.Remote;
using System.Diagnostics.CodeAnalysis;

namespace OpenGaussScale.Ssh.Tests.E2E;

/// <summary>The shell behaviours over SSH, against a real sshd.</summary>
[SuppressMessage("Reliability", "CA1001", Justification = "the factory is disposed in IAsyncLifetime.DisposeAsync")]
public sealed class SshShellTests(SshdFixture sshd) : ShellBehaviourTests, IClassFixture<SshdFixture>
{
    private SshRemoteShellFactory? _factory;

    protected override async Task<IRemoteShell> OpenShellAsync()
    {
        _factory = new SshRemoteShellFactory(new SshOptions { IdentityFiles = [sshd.ClientKey], KnownHostsFile = sshd.TrustedKnownHosts });
        return await _factory.OpenAsync(new RemoteTarget(sshd.Address, sshd.Port, "root"), CancellationToken.None);
    }

    protected override async Task DisposeTransportAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
