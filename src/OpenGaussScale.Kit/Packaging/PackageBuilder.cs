using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Processes;

namespace OpenGaussScale.Kit.Packaging;

/// <summary>
/// Builds a package in the layout of an openGauss 6.0 release (reference 3.1):
/// openGauss-Server-V-OS-64bit.tar.bz2 (bin/ with gaussdb, gs_ctl, gs_guc, gsql and the ogkit files; lib/; share/sslcert/),
/// its .sha256 (the hex digest and a newline, as openGauss's build script writes it), and openGauss-OM-V-OS-64bit.tar.gz
/// (script/ with gs_om, gs_preinstall, local/*.py and its own ogkit copy in script/ogkit/).
/// </summary>
public static class PackageBuilder
{
    /// <summary>The ogkit build output a package needs (a framework-dependent app run with `dotnet ogkit.dll`).</summary>
    public static readonly IReadOnlyList<string> KitFiles = ["ogkit.dll", "ogkit.runtimeconfig.json", "ogkit.deps.json"];

    /// <summary>OM scripts: path under script/ → the kit tool it runs.</summary>
    public static readonly IReadOnlyList<(string Path, string Tool)> OmScripts =
    [
        ("gs_om", "gs_om"),
        ("gs_preinstall", "gs_preinstall"),
        ("local/Install.py", "Install.py"),
        ("local/InitInstance.py", "InitInstance.py"),
        ("local/Backup.py", "Backup.py"),
        ("local/StartInstance.py", "StartInstance.py"),
        ("local/Resetreplconninfo.py", "Resetreplconninfo.py"),
    ];

    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode Directory755 = Executable;

    /// <summary>The directory holding the running ogkit.dll (the Cli and the tests reference the Kit project, so it is copied next to them).</summary>
    public static string DefaultKitDirectory => Path.GetDirectoryName(typeof(PackageBuilder).Assembly.Location)!;

    public static PackageFiles Build(string kitBinaryDirectory, string outputDirectory, PackageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(kitBinaryDirectory);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        options ??= PackageOptions.Default;
        foreach (var file in KitFiles)
        {
            if (!File.Exists(Path.Combine(kitBinaryDirectory, file)))
            {
                throw new KitException($"the ogkit build output is incomplete: {Path.Combine(kitBinaryDirectory, file)} is missing");
            }
        }

        Directory.CreateDirectory(outputDirectory);
        var server = Path.Combine(outputDirectory, options.ServerBaseName + ".tar.bz2");
        var sha256 = Path.Combine(outputDirectory, options.ServerBaseName + ".sha256");
        var om = Path.Combine(outputDirectory, options.OmBaseName + ".tar.gz");
        var version = Encoding.UTF8.GetBytes(options.KitVersion.ToFileText());

        var serverTar = server[..^".bz2".Length];
        using (var stream = File.Create(serverTar))
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            AddDirectory(writer, "bin/");
            foreach (var tool in ToolRegistry.ServerBinTools)
            {
                AddFile(writer, "bin/" + tool, Encoding.UTF8.GetBytes(Wrappers.Bash(tool)), Executable);
            }

            AddKit(writer, "bin/", kitBinaryDirectory, version);
            AddDirectory(writer, "lib/");
            AddDirectory(writer, "share/");
            AddDirectory(writer, "share/sslcert/");
            AddFile(writer, "share/sslcert/README.ogkit", Encoding.UTF8.GetBytes("ogkit: no certificates; the directory exists because gs_expansion copies it to new hosts.\n"), Readable);
        }

        File.Delete(server);
        var compressed = ProcessRunner.Run("bzip2", ["-9", serverTar], timeout: TimeSpan.FromMinutes(5));
        if (!compressed.Succeeded)
        {
            throw new KitException($"cannot compress {serverTar} with bzip2: {compressed.FailureText}");
        }

        using (var stream = File.OpenRead(server))
        {
            File.WriteAllText(sha256, Convert.ToHexStringLower(SHA256.HashData(stream)) + "\n");
        }

        using (var stream = File.Create(om))
        using (var gzip = new GZipStream(stream, CompressionLevel.Optimal))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            AddDirectory(writer, "script/");
            AddDirectory(writer, "script/local/");
            foreach (var (path, tool) in OmScripts)
            {
                var relativeKit = path.Contains('/', StringComparison.Ordinal) ? "../ogkit" : "ogkit";
                AddFile(writer, "script/" + path, Encoding.UTF8.GetBytes(Wrappers.Python(tool, relativeKit)), Executable);
            }

            AddKit(writer, "script/ogkit/", kitBinaryDirectory, version);
        }

        return new PackageFiles(server, sha256, om);
    }

    private static void AddKit(TarWriter writer, string prefix, string kitBinaryDirectory, byte[] version)
    {
        if (prefix != "bin/")
        {
            AddDirectory(writer, prefix);
        }

        foreach (var file in KitFiles)
        {
            AddFile(writer, prefix + file, File.ReadAllBytes(Path.Combine(kitBinaryDirectory, file)), Readable);
        }

        AddFile(writer, prefix + KitVersion.FileName, version, Readable);
    }

    private static void AddDirectory(TarWriter writer, string name) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = Directory755, ModificationTime = Stamp });

    private static void AddFile(TarWriter writer, string name, byte[] content, UnixFileMode mode)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = mode, ModificationTime = Stamp, DataStream = new MemoryStream(content) };
        writer.WriteEntry(entry);
    }

    // A fixed time keeps two builds of the same kit byte-identical (before compression).
    private static readonly DateTimeOffset Stamp = new(2024, 9, 26, 0, 0, 0, TimeSpan.Zero);
}
