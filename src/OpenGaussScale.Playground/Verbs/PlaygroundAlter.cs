using OpenGaussScale.Core.Errors;
using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Os;
using OpenGaussScale.Playground.Text;
using System.Globalization;

namespace OpenGaussScale.Playground.Verbs;

/// <summary>
/// `playground alter NODE`: the documented way for tests to make one host differ (user or group missing, another
/// primary group, another OS version). It edits that host's copies of passwd, group, shadow and os-release in place.
/// </summary>
public static class PlaygroundAlter
{
    public static async Task<int> RunAsync(string dir, string node, AlterOptions options, TextWriter output, PlaygroundLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (!options.Any)
        {
            throw new OgscaleException("alter needs something to change", "add --remove-user, --remove-group, --primary-group GROUP or --os-version VERSION_ID", ExitCodes.Usage);
        }

        ValidateWord(options.PrimaryGroup, "--primary-group");
        ValidateWord(options.OsVersion, "--os-version");
        Privileges.RequireRoot();
        var context = PlaygroundContext.Load(dir, log);
        var number = NodeArgument.Parse(node, context.State.Nodes);
        var name = PlaygroundHost.NameOf(number);
        var layout = context.Layout;
        var passwdPath = layout.EtcFile(number, "passwd");
        var groupPath = layout.EtcFile(number, "group");
        var shadowPath = layout.EtcFile(number, "shadow");
        var osReleasePath = layout.EtcFile(number, "os-release");
        var passwd = await File.ReadAllTextAsync(passwdPath, cancellationToken).ConfigureAwait(false);
        var group = await File.ReadAllTextAsync(groupPath, cancellationToken).ConfigureAwait(false);
        var shadow = await File.ReadAllTextAsync(shadowPath, cancellationToken).ConfigureAwait(false);
        var osRelease = await File.ReadAllTextAsync(osReleasePath, cancellationToken).ConfigureAwait(false);
        var changes = new List<string>();
        var user = PlaygroundLayout.DbUser;

        if (options.PrimaryGroup is string newGroup)
        {
            if (!AccountText.Names(passwd).Contains(user))
            {
                throw new OgscaleException($"{name}: user {user} does not exist there", "drop --remove-user or --primary-group", ExitCodes.Usage);
            }

            var gid = AccountText.GroupId(group, newGroup);
            if (gid is null)
            {
                gid = AccountText.FreeId(HostAccounts.FirstId, group);
                group = AccountText.SetEntry(group, string.Create(CultureInfo.InvariantCulture, $"{newGroup}:x:{gid}:"));
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"added group {newGroup} (gid {gid})"));
            }

            passwd = AccountText.SetPrimaryGid(passwd, user, gid.Value);
            changes.Add($"primary group of {user} is now {newGroup}");
        }

        if (options.RemoveUser)
        {
            passwd = AccountText.RemoveEntry(passwd, user);
            shadow = AccountText.RemoveEntry(shadow, user);
            group = AccountText.RemoveMember(group, user);
            changes.Add($"removed user {user}");
        }

        if (options.RemoveGroup)
        {
            group = AccountText.RemoveEntry(group, PlaygroundLayout.DbGroup);
            changes.Add($"removed group {PlaygroundLayout.DbGroup}");
        }

        if (options.OsVersion is string version)
        {
            changes.Add($"VERSION_ID {AccountText.VersionId(osRelease) ?? "(none)"} -> {version}");
            osRelease = AccountText.SetVersionId(osRelease, version);
        }

        // In place: the host's bind mount pins these inodes.
        InPlaceFile.WriteAllText(passwdPath, passwd);
        InPlaceFile.WriteAllText(groupPath, group);
        InPlaceFile.WriteAllText(shadowPath, shadow);
        InPlaceFile.WriteAllText(osReleasePath, osRelease);
        foreach (var change in changes)
        {
            await output.WriteLineAsync($"{name}: {change}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static void ValidateWord(string? value, string option)
    {
        if (value is not null && (value.Length == 0 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
        {
            throw new OgscaleException($"the value '{value}' of {option} is not a plain name", "use letters, digits, '.', '_' and '-' only", ExitCodes.Usage);
        }
    }
}
