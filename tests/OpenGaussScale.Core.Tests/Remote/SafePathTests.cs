using OpenGaussScale.Core.Remote;
using System.Diagnostics;

namespace OpenGaussScale.Core.Tests.Remote;

/// <summary>
/// The script root runs before it trusts a file or uses a directory, run for real under sh against a temporary tree:
/// a symbolic link, a file or directory others can write, and a parent owned by another user are refused; a
/// root-owned sticky parent (/tmp) is fine.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SafePathTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("ogscale-safepath-");

    public void Dispose() => _root.Delete(recursive: true);

    private static string Me => Environment.UserName;

    private static IReadOnlyDictionary<int, string> Check(SafePathKind kind, string? owner, params string[] paths)
    {
        var argv = SafePath.Command(kind, owner, paths).Argv;
        var info = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in argv.Skip(1))
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return SafePath.Refusals(output);
    }

    private string File(string name, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = Path.Combine(_root.FullName, name);
        System.IO.File.WriteAllText(path, "{}");
        System.IO.File.SetUnixFileMode(path, mode);
        return path;
    }

    [Fact]
    public void A_file_of_its_own_in_a_private_directory_under_tmp_is_safe()
    {
        Assert.Empty(Check(SafePathKind.File, Me, File("journal.jsonl")));
        Assert.Empty(Check(SafePathKind.Directory, Me, _root.FullName));
    }

    [Fact]
    public void Each_unsafe_path_is_named_by_its_position_with_the_reason()
    {
        var good = File("good.jsonl");
        var writable = File("writable.jsonl", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite | UnixFileMode.OtherRead);
        var link = Path.Combine(_root.FullName, "link.jsonl");
        System.IO.File.CreateSymbolicLink(link, good);

        var refusals = Check(SafePathKind.File, Me, good, writable, link, _root.FullName, Path.Combine(_root.FullName, "absent"));

        Assert.Equal(
            new Dictionary<int, string>
            {
                [1] = $"can be written by others than {Me} (mode 606)",
                [2] = "is a symbolic link",
                [3] = "is not a regular file",
                [4] = "is not a regular file",
            },
            refusals);
    }

    [Fact]
    public void A_file_of_another_owner_is_refused()
    {
        Assert.Equal("belongs to " + Me + ", not to somebody-else", Check(SafePathKind.File, "somebody-else", File("journal.jsonl"))[0]);
    }

    [Fact]
    public void A_parent_others_can_write_is_refused_unless_it_is_roots_and_sticky()
    {
        var shared = Directory.CreateDirectory(Path.Combine(_root.FullName, "shared"));
        var journal = Path.Combine(shared.FullName, "journal.jsonl");
        System.IO.File.WriteAllText(journal, "{}");
        var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
            UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        System.IO.File.SetUnixFileMode(shared.FullName, open);

        Assert.Equal($"is under {shared.FullName}, which others can write (mode 777)", Check(SafePathKind.File, Me, journal)[0]);

        // Sticky: fine only when root owns it (as /tmp itself, the parent of every path here).
        System.IO.File.SetUnixFileMode(shared.FullName, open | UnixFileMode.StickyBit);
        Assert.Equal(Me == "root", !Check(SafePathKind.File, Me, journal).ContainsKey(0));
    }

    [Fact]
    public void A_symbolic_link_among_the_parents_is_followed_to_the_real_directory()
    {
        var real = Directory.CreateDirectory(Path.Combine(_root.FullName, "real"));
        System.IO.File.WriteAllText(Path.Combine(real.FullName, "journal.jsonl"), "{}");
        var alias = Path.Combine(_root.FullName, "alias");
        Directory.CreateSymbolicLink(alias, real.FullName);
        System.IO.File.SetUnixFileMode(real.FullName, (UnixFileMode)0x1FF); // 0777, no sticky bit

        Assert.Equal($"is under {real.FullName}, which others can write (mode 777)", Check(SafePathKind.File, Me, Path.Combine(alias, "journal.jsonl"))[0]);
    }

    [Fact]
    public void A_path_not_made_yet_is_judged_by_the_directories_above_it()
    {
        var open = Directory.CreateDirectory(Path.Combine(_root.FullName, "open"));
        var future = Path.Combine(_root.FullName, "a", "b", "ogscale-journal");

        Assert.Empty(Check(SafePathKind.NotMadeYet, owner: null, future));

        System.IO.File.SetUnixFileMode(open.FullName, (UnixFileMode)0x1FF);
        Assert.Equal($"is under {open.FullName}, which others can write (mode 777)", Check(SafePathKind.NotMadeYet, owner: null, Path.Combine(open.FullName, "x", "lock"))[0]);
    }

    [Fact]
    public void Many_files_of_one_directory_share_one_walk_and_a_refused_directory_is_refused_for_each_of_its_files()
    {
        var good = Enumerable.Range(0, 50).Select(n => File($"run-{n}.jsonl")).ToList();
        var open = Directory.CreateDirectory(Path.Combine(_root.FullName, "open"));
        var inOpen = Enumerable.Range(0, 2).Select(n => Path.Combine(open.FullName, $"run-{n}.jsonl")).ToList();
        inOpen.ForEach(f => System.IO.File.WriteAllText(f, "{}"));
        System.IO.File.SetUnixFileMode(open.FullName, (UnixFileMode)0x1FF); // 0777, no sticky bit

        // The good directory again after the open one: it is walked again and still passes.
        var refusals = Check(SafePathKind.File, Me, [.. good, .. inOpen, good[0]]);

        var reason = $"is under {open.FullName}, which others can write (mode 777)";
        Assert.Equal(new Dictionary<int, string> { [50] = reason, [51] = reason }, refusals);
    }
}
