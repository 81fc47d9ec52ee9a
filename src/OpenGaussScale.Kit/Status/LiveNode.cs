namespace OpenGaussScale.Kit.Status;

/// <summary>One row of pg_stat_replication: a standby this node sends WAL to.</summary>
public sealed record SenderInfo(
    int Pid, string State, string SentLsn, string WriteLsn, string FlushLsn, string ReplayLsn,
    string SyncState, int SyncPriority, string ClientAddress, int ClientPort, string ApplicationName);

/// <summary>pg_stat_wal_receiver: the upstream this node receives WAL from.</summary>
public sealed record ReceiverInfo(
    int Pid, string Status, string WrittenLsn, string FlushedLsn, string LatestEndLsn, string SenderHost, int SenderPort, string ReplayLsn);

/// <summary>What a running node said about itself in one probe.</summary>
public sealed record LiveNode(
    bool InRecovery, string ServerMode, int ReplConnInfoCount, string LocalLsn, string ListenAddresses, int Port,
    IReadOnlyList<SenderInfo> Senders, ReceiverInfo? Receiver);

/// <summary>The "HA state" block of gs_ctl query.</summary>
public sealed record HaState(string LocalRole, int StaticConnections, string DbState, string DetailInformation);
