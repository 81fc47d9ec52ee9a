using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// The openGauss release in --package DIR (reference 3.1): `openGauss-Server-VER-OS-64bit.tar.bz2` with its `.sha256`
/// (the hex digest) and `openGauss-OM-VER-OS-64bit.tar.gz`. Found by name and checked before anything is sent.
/// </summary>
public sealed partial record OgPackage(string Directory, string Server, string ServerSha256File, string OmTarball, string Sha256)
{
    public IReadOnlyList<string> Files => [Server, ServerSha256File, OmTarball];

    /// <summary>Finds and verifies the package; the error names the directory and what is wrong.</summary>
    public static (OgPackage? Package, string? Error) Find(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            return (null, $"the package directory {directory} does not exist");
        }

        var servers = System.IO.Directory.GetFiles(directory).Where(f => ServerName().IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
        var oms = System.IO.Directory.GetFiles(directory).Where(f => OmName().IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
        if (servers.Count != 1 || oms.Count != 1)
        {
            return (null, $"{directory} must hold exactly one openGauss-Server-*-64bit.tar.bz2 and one openGauss-OM-*-64bit.tar.gz (found {servers.Count} and {oms.Count})");
        }

        var shaFile = servers[0][..^".tar.bz2".Length] + ".sha256";
        if (!File.Exists(shaFile))
        {
            return (null, $"{Path.GetFileName(shaFile)} is missing next to {Path.GetFileName(servers[0])}");
        }

        var expected = File.ReadAllText(shaFile).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant() ?? "";
        using var stream = File.OpenRead(servers[0]);
        var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        return expected == actual
            ? (new OgPackage(directory, servers[0], shaFile, oms[0], actual), null)
            : (null, $"{Path.GetFileName(servers[0])} does not match {Path.GetFileName(shaFile)} (sha256 {actual}, expected {expected})");
    }

    [GeneratedRegex(@"^openGauss-Server-[0-9][0-9.]*-.+-64bit\.tar\.bz2$")]
    private static partial Regex ServerName();

    [GeneratedRegex(@"^openGauss-OM-[0-9][0-9.]*-.+-64bit\.tar\.gz$")]
    private static partial Regex OmName();
}
