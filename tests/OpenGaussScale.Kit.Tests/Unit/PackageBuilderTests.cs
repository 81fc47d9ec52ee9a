using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using OpenGaussScale.Kit.Packaging;

namespace OpenGaussScale.Kit.Tests.Unit;

public sealed class PackageBuilderTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("ogkit-package-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public void The_package_has_openGauss_6_file_names_and_a_matching_sha256()
    {
        var files = PackageBuilder.Build(PackageBuilder.DefaultKitDirectory, _output);
        Assert.Equal(
            ["openGauss-OM-6.0.0-Debian12-64bit.tar.gz", "openGauss-Server-6.0.0-Debian12-64bit.sha256", "openGauss-Server-6.0.0-Debian12-64bit.tar.bz2"],
            Directory.GetFiles(_output).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());

        // openGauss's build script: `sha256sum pkg | awk '{print $1}' > pkg.sha256`.
        using var stream = File.OpenRead(files.ServerTarball);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stream)) + "\n", File.ReadAllText(files.ServerSha256));
    }

    [Fact]
    public void The_server_tarball_holds_executable_wrappers_and_the_kit_in_bin()
    {
        var files = PackageBuilder.Build(PackageBuilder.DefaultKitDirectory, _output);
        var entries = BzipEntries(files.ServerTarball);
        foreach (var tool in new[] { "gaussdb", "gs_ctl", "gs_guc", "gsql" })
        {
            Assert.True(entries.TryGetValue("bin/" + tool, out var entry), tool);
            Assert.True(entry.Mode.HasFlag(UnixFileMode.UserExecute | UnixFileMode.OtherExecute), tool);
            Assert.Contains($"\"$here/ogkit.dll\" {tool} \"$@\"", entry.Text, StringComparison.Ordinal);
            Assert.StartsWith("#!/bin/bash\n", entry.Text, StringComparison.Ordinal);
        }

        foreach (var file in new[] { "bin/ogkit.dll", "bin/ogkit.runtimeconfig.json", "bin/ogkit.deps.json", "bin/ogkit-version.txt", "share/sslcert/README.ogkit" })
        {
            Assert.True(entries.ContainsKey(file), file);
        }
    }

    [Fact]
    public void The_om_tarball_holds_python_scripts_that_exec_their_own_ogkit_copy()
    {
        var files = PackageBuilder.Build(PackageBuilder.DefaultKitDirectory, _output, PackageOptions.Default with { Version = "6.0.1", OsName = "openEuler" });
        Assert.EndsWith("openGauss-OM-6.0.1-openEuler-64bit.tar.gz", files.OmTarball, StringComparison.Ordinal);
        var entries = new Dictionary<string, (UnixFileMode Mode, string Text)>(StringComparer.Ordinal);
        using (var stream = File.OpenRead(files.OmTarball))
        using (var gzip = new GZipStream(stream, CompressionMode.Decompress))
        {
            Read(gzip, entries);
        }

        Assert.Contains("os.path.join(here, \"ogkit\", \"ogkit.dll\")", entries["script/gs_om"].Text, StringComparison.Ordinal);
        Assert.Contains("os.path.join(here, \"../ogkit\", \"ogkit.dll\")", entries["script/local/Install.py"].Text, StringComparison.Ordinal);
        Assert.Contains("\"InitInstance.py\"] + sys.argv[1:]", entries["script/local/InitInstance.py"].Text, StringComparison.Ordinal);
        foreach (var script in new[] { "script/gs_om", "script/gs_preinstall", "script/local/Install.py", "script/local/InitInstance.py", "script/local/Backup.py", "script/local/StartInstance.py" })
        {
            Assert.StartsWith("#!/usr/bin/env python3\n", entries[script].Text, StringComparison.Ordinal);
            Assert.True(entries[script].Mode.HasFlag(UnixFileMode.UserExecute), script);
        }

        Assert.Equal("version=6.0.1\nbuild=ogk17a00\ncompiled_at=2024-09-26 10:00:00\n", entries["script/ogkit/ogkit-version.txt"].Text);
    }

    private static Dictionary<string, (UnixFileMode Mode, string Text)> BzipEntries(string path)
    {
        var tar = Path.Combine(Path.GetDirectoryName(path)!, "check.tar");
        var decompressed = Processes.ProcessRunner.Run("sh", ["-c", "bzip2 -dc \"$1\" > \"$2\"", "sh", path, tar]);
        Assert.True(decompressed.Succeeded, decompressed.FailureText);
        var entries = new Dictionary<string, (UnixFileMode, string)>(StringComparer.Ordinal);
        using (var stream = File.OpenRead(tar))
        {
            Read(stream, entries);
        }

        File.Delete(tar);
        return entries;
    }

    private static void Read(Stream stream, Dictionary<string, (UnixFileMode, string)> entries)
    {
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            var text = string.Empty;
            if (entry.DataStream is not null && entry.Length < 100_000)
            {
                using var content = new StreamReader(entry.DataStream);
                text = content.ReadToEnd();
            }

            entries[entry.Name] = (entry.Mode, text);
        }
    }
}
