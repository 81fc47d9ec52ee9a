using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using Serilog.Core;

namespace OpenGaussScale.Core.Tests.Fakes;

/// <summary>Builds StepContexts over a tiny in-memory cluster for executor and action tests.</summary>
internal static class TestContexts
{
    public static ClusterConfig Cluster(params string[] backIps) => new()
    {
        FilePath = "test.xml",
        ClusterName = "test",
        AppPath = "/opt/app",
        LogPath = "/var/log/omm",
        ToolPath = "/opt/om",
        CorePath = "/opt/corefile",
        Nodes = [.. backIps.Select((ip, i) => new NodeConfig
        {
            Name = $"node{i + 1}",
            Index = i,
            BackIp = ip,
            SshIp = ip,
            SshPort = 22,
            AzName = "AZ1",
            AzPriority = 1,
            Role = i == 0 ? NodeRole.Primary : NodeRole.Standby,
            DataDir = "/opt/data/dn",
            Port = 15400,
            Line = 10 + i,
            Params = [],
        })],
        ClusterParams = [],
        HasClusterManager = false,
    };

    public static StepContext Create(ClusterConfig config, Journal journal, INodeShells? shells = null, IChangeReverter? reverter = null) => new()
    {
        Config = config,
        Shells = shells ?? new NoShells(),
        Journal = journal,
        Reverter = reverter ?? new NoReverter(),
        Clock = TimeProvider.System,
        Log = Logger.None,
        User = "omm",
        Group = "dbgrp",
        EnvironmentFile = "~/.bashrc",
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>A journal kept in memory (lines in order).</summary>
    public static (Journal Journal, MemorySink Sink) MemoryJournal()
    {
        var sink = new MemorySink();
        return (new Journal("run-test", [sink], TimeProvider.System), sink);
    }

    internal sealed class MemorySink : IJournalSink
    {
        private readonly List<string> _lines = [];

        public string Location => "memory";

        public IReadOnlyList<JournalEntry> Entries
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines.Select(l => JournalEntry.TryParse(l)!)];
                }
            }
        }

        public Task AppendLineAsync(string line, CancellationToken cancellationToken)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class NoShells : INodeShells
    {
        public Task<IRemoteShell> OpenAsync(NodeConfig node, string user, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"no shell expected for {node.Name}");
    }

    private sealed class NoReverter : IChangeReverter
    {
        public Task RevertAsync(ChangeRecord change, StepContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no revert expected");
    }
}
