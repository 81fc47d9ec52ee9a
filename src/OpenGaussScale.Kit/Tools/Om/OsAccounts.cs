namespace OpenGaussScale.Kit.Tools.Om;

/// <summary>A line of /etc/passwd.</summary>
public sealed record OsUser(string Name, int Uid, int Gid, string Home);

/// <summary>A line of /etc/group.</summary>
public sealed record OsGroup(string Name, int Gid);

/// <summary>Users and groups as this host's /etc/passwd and /etc/group list them (each playground host has its own copies).</summary>
public static class OsAccounts
{
    public static OsUser? FindUser(string name, string passwdFile = "/etc/passwd") =>
        Lines(passwdFile)
            .Select(line => line.Split(':'))
            .Where(f => f.Length >= 7 && f[0] == name)
            .Select(f => new OsUser(f[0], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), f[5]))
            .FirstOrDefault();

    public static OsGroup? FindGroup(string name, string groupFile = "/etc/group") =>
        Lines(groupFile)
            .Select(line => line.Split(':'))
            .Where(f => f.Length >= 3 && f[0] == name)
            .Select(f => new OsGroup(f[0], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture)))
            .FirstOrDefault();

    private static IEnumerable<string> Lines(string file) => File.Exists(file) ? File.ReadLines(file) : [];
}
