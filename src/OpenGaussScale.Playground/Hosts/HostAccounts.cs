using OpenGaussScale.Playground.Text;
using System.Globalization;

namespace OpenGaussScale.Playground.Hosts;

/// <summary>
/// The account files every host starts with: copies of the real /etc/passwd, group, shadow and os-release plus the
/// database user omm (group dbgrp), who exists only in the hosts' copies, never in the real files.
/// </summary>
public sealed record HostAccounts(int OmmUid, int DbGroupGid, int ShadowGid, string Passwd, string Group, string Shadow, string OsRelease)
{
    /// <summary>The lowest uid/gid considered for omm and dbgrp.</summary>
    public const int FirstId = 2000;

    /// <summary>Builds the copies from the real files, picking a uid and gid that the real machine does not use.</summary>
    public static HostAccounts From(string realPasswd, string realGroup, string realShadow, string realOsRelease)
    {
        var uid = AccountText.FreeId(FirstId, realPasswd);
        var gid = AccountText.Ids(realGroup).Contains(uid) ? AccountText.FreeId(FirstId, realGroup) : uid;

        var shadowGid = AccountText.GroupId(realGroup, "shadow") ?? 0;
        var user = PlaygroundLayout.DbUser;
        var group = PlaygroundLayout.DbGroup;
        var passwd = AccountText.SetEntry(realPasswd, string.Create(CultureInfo.InvariantCulture, $"{user}:x:{uid}:{gid}::{PlaygroundLayout.OmmHome}:/bin/bash"));
        var groups = AccountText.SetEntry(AccountText.RemoveMember(realGroup, user), string.Create(CultureInfo.InvariantCulture, $"{group}:x:{gid}:"));

        // "*": no password, but not locked ("!"), so key logins work whatever UsePAM says.
        var days = (int)(DateTime.UtcNow - DateTime.UnixEpoch).TotalDays;
        var shadow = AccountText.SetEntry(realShadow, string.Create(CultureInfo.InvariantCulture, $"{user}:*:{days}:0:99999:7:::"));
        return new HostAccounts(uid, gid, shadowGid, passwd, groups, shadow, realOsRelease);
    }

    /// <summary>From the files of this machine.</summary>
    public static HostAccounts FromThisMachine() =>
        From(File.ReadAllText("/etc/passwd"), File.ReadAllText("/etc/group"), File.ReadAllText("/etc/shadow"), File.ReadAllText("/etc/os-release"));
}
