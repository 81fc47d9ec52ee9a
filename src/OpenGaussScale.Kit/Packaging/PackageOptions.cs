using OpenGaussScale.Kit.Cli;

namespace OpenGaussScale.Kit.Packaging;

/// <summary>What a package is labelled with: openGauss version, the OS part of the file names, and the build id the tools report.</summary>
public sealed record PackageOptions(string Version, string OsName, string BuildId, string CompiledAt)
{
    public static readonly PackageOptions Default = new(KitVersion.Default.Version, "Debian12", KitVersion.Default.BuildId, KitVersion.Default.CompiledAt);

    /// <summary>openGauss-Server-6.0.0-Debian12-64bit (reference 3.1: the 6.0+ names).</summary>
    public string ServerBaseName => $"openGauss-Server-{Version}-{OsName}-64bit";

    public string OmBaseName => $"openGauss-OM-{Version}-{OsName}-64bit";

    public KitVersion KitVersion => new(Version, BuildId, CompiledAt);
}

/// <summary>The files a build produced, by full path.</summary>
public sealed record PackageFiles(string ServerTarball, string ServerSha256, string OmTarball)
{
    public IReadOnlyList<string> All => [ServerTarball, ServerSha256, OmTarball];
}
