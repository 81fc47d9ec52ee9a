using OpenGaussScale.Core.Remote;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace OpenGaussScale.Ssh.Tests.E2E;

/// <summary>
/// What every <see cref="IRemoteShell"/> must do, run against a real transport (SSH to a real sshd, or local
/// processes). Process checks look at /proc for a unique argument, polling with a deadline.
/// </summary>
public abstract class ShellBehaviourTests : IAsyncLifetime
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), $"ogscale-shell-e2e-{Guid.NewGuid():N}");
    private IRemoteShell? _shell;

    protected IRemoteShell Shell => _shell ?? throw new InvalidOperationException("no shell");

    protected string Scratch => _scratch;

    public async Task InitializeAsync()
    {
        if (E2EEnvironment.SkipReason is not null)
        {
            return;
        }

        Directory.CreateDirectory(_scratch);
        _shell = await OpenShellAsync();
    }

    public async Task DisposeAsync()
    {
        if (_shell is not null)
        {
            await _shell.DisposeAsync();
        }

        await DisposeTransportAsync();
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    [E2EFact]
    public async Task Exit_code_stdout_and_stderr_come_back_exactly()
    {
        var result = await Shell.RunAsync(RemoteCommand.Of("sh", "-c", "printf 'out 1\\nü, no newline'; echo err >&2; exit 3"), CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out 1\nü, no newline", result.StandardOutput);
        Assert.Equal("err\n", result.StandardError);
    }

    [E2EFact]
    public async Task Arguments_reach_the_program_unchanged()
    {
        string[] tricky = ["a b", "it's", "$(id)", "*", "`x`", "line\nbreak", ""];
        var result = await Shell.RunAsync(RemoteCommand.Of(["printf", "%s|", .. tricky]), CancellationToken.None);

        Assert.Equal(string.Concat(tricky.Select(t => t + "|")), result.StandardOutput);
    }

    [E2EFact]
    public async Task Eight_commands_run_at_the_same_time()
    {
        // Each command waits (with its own deadline) until all eight have created their file: that only succeeds
        // when the eight really run concurrently. Run one after another, the first would give up with exit 9.
        const int count = 8;
        const string script = "touch \"$1/$2\"; i=0; while [ \"$(ls \"$1\" | wc -l)\" -lt \"$3\" ]; do i=$((i + 1)); if [ \"$i\" -gt 400 ]; then exit 9; fi; sleep 0.05; done";
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            Shell.RunAsync(RemoteCommand.Of("sh", "-c", script, "ogscale-test", _scratch, $"ready-{i}", count.ToString(CultureInfo.InvariantCulture)), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        Assert.Equal(count, Directory.GetFiles(_scratch).Length);
        Console.WriteLine($"{GetType().Name}: {count} parallel commands in {clock.ElapsedMilliseconds} ms");
    }

    [E2EFact]
    public async Task A_deadline_stops_the_whole_process_group_and_returns_promptly()
    {
        var sleep = Tools.UniqueSleep();
        var command = new RemoteCommand(["sh", "-c", $"sleep {sleep}; true"]) { Timeout = TimeSpan.FromSeconds(1) };
        var clock = Stopwatch.StartNew();
        try
        {
            var error = await Assert.ThrowsAsync<RemoteException>(() => Shell.RunAsync(command, CancellationToken.None));

            Assert.True(clock.Elapsed < Prompt, $"took {clock.Elapsed}");
            Assert.Equal(RemoteFailureKind.Timeout, error.Kind);
            Assert.Contains($"{Shell.Target.Host}: `sh -c 'sleep {sleep}; true'` as {Shell.Target.User} did not finish within 1 s; its process group was stopped", error.Message, StringComparison.Ordinal);
            Assert.True(await Tools.WaitUntilAsync(() => Tools.ProcessesWith(sleep).Count == 0, Prompt), $"left behind: {string.Join(',', Tools.ProcessesWith(sleep))}");
        }
        finally
        {
            Tools.KillAll(sleep);
        }
    }

    [E2EFact]
    public async Task Cancelling_stops_the_whole_process_group_and_returns_promptly()
    {
        var sleep = Tools.UniqueSleep();
        using var cancel = new CancellationTokenSource();
        var running = Shell.RunAsync(RemoteCommand.Of("sh", "-c", $"sleep {sleep}; true"), cancel.Token);
        try
        {
            Assert.True(await Tools.WaitUntilAsync(() => Tools.ProcessesWith(sleep).Count >= 2, Prompt), "the command never started");
            var clock = Stopwatch.StartNew();
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
            Assert.True(clock.Elapsed < Prompt, $"took {clock.Elapsed}");
            Assert.True(await Tools.WaitUntilAsync(() => Tools.ProcessesWith(sleep).Count == 0, Prompt), $"left behind: {string.Join(',', Tools.ProcessesWith(sleep))}");
        }
        finally
        {
            Tools.KillAll(sleep);
        }
    }

    [E2EFact]
    public async Task A_group_that_ignores_TERM_is_killed()
    {
        // An ignored signal stays ignored across exec, so this sleep survives TERM: only the KILL that follows stops it.
        var sleep = Tools.UniqueSleep();
        var command = new RemoteCommand(["sh", "-c", $"trap '' TERM; sleep {sleep}; true"]) { Timeout = TimeSpan.FromSeconds(1) };
        try
        {
            var error = await Assert.ThrowsAsync<RemoteException>(() => Shell.RunAsync(command, CancellationToken.None));

            Assert.Equal(RemoteFailureKind.Timeout, error.Kind);
            Assert.True(await Tools.WaitUntilAsync(() => Tools.ProcessesWith(sleep).Count == 0, Prompt), $"left behind: {string.Join(',', Tools.ProcessesWith(sleep))}");
        }
        finally
        {
            Tools.KillAll(sleep);
        }
    }

    [E2EFact]
    public async Task A_background_child_holding_stdout_does_not_make_the_command_hang()
    {
        var sleep = Tools.UniqueSleep();
        try
        {
            var clock = Stopwatch.StartNew();
            var result = await Shell.RunAsync(
                new RemoteCommand(["sh", "-c", $"sleep {sleep} & echo started"]) { Timeout = TimeSpan.FromSeconds(30) },
                CancellationToken.None);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal("started\n", result.StandardOutput);
            Assert.True(clock.Elapsed < Prompt, $"took {clock.Elapsed}");
        }
        finally
        {
            Tools.KillAll(sleep);
        }
    }

    [E2EFact]
    public async Task Standard_input_reaches_the_program_and_is_empty_when_not_given()
    {
        var withInput = await Shell.RunAsync(new RemoteCommand(["cat"]) { StandardInput = "secret line 1\nline 2\n" }, CancellationToken.None);
        var withoutInput = await Shell.RunAsync(new RemoteCommand(["cat"]) { Timeout = TimeSpan.FromSeconds(20) }, CancellationToken.None);
        var unread = await Shell.RunAsync(new RemoteCommand(["true"]) { StandardInput = "nobody reads this" }, CancellationToken.None);

        Assert.Equal("secret line 1\nline 2\n", withInput.StandardOutput);
        Assert.Equal(0, withoutInput.ExitCode);
        Assert.Equal("", withoutInput.StandardOutput);
        Assert.Equal(0, unread.ExitCode);
    }

    [E2EFact]
    public async Task A_command_that_exits_without_reading_its_input_gives_its_exit_code()
    {
        // 8 MiB is more than a pipe (64 KiB) or an SSH channel window (2 MiB) holds: the write is still under way when
        // the command has exited, every time, so the closed pipe is met for sure rather than by chance.
        var input = new string('x', 8 * 1024 * 1024);
        var results = new List<CommandResult>();
        foreach (var script in new[] { "exit 3", "head -c 10 >/dev/null; exit 4", "exec 0<&-; exit 5" })
        {
            results.Add(await Shell.RunAsync(new RemoteCommand(["sh", "-c", script]) { StandardInput = input, Timeout = TimeSpan.FromSeconds(60) }, CancellationToken.None));
        }

        Assert.Equal([3, 4, 5], results.Select(r => r.ExitCode));
        Assert.All(results, r => Assert.Equal("", r.StandardError));
    }

    [E2EFact]
    public async Task The_environment_file_is_sourced_before_the_program()
    {
        var envFile = Path.Combine(_scratch, "env");
        await File.WriteAllTextAsync(envFile, "echo a banner that must not show\nexport GAUSSHOME='/opt/og home'\n");

        var result = await Shell.RunAsync(new RemoteCommand(["sh", "-c", "printf %s \"$GAUSSHOME\""]) { EnvironmentFile = envFile }, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/opt/og home", result.StandardOutput);
    }

    [E2EFact]
    public async Task Upload_checks_the_sha256_sets_mode_and_owner_and_skips_an_identical_file()
    {
        var local = Path.Combine(_scratch, "payload.bin");
        await File.WriteAllBytesAsync(local, RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17));
        var destinationDirectory = Path.Combine(_scratch, "dest dir");
        Directory.CreateDirectory(destinationDirectory);
        var remote = Path.Combine(destinationDirectory, "payload.bin");
        var upload = new FileUpload(local, remote, "0640", "nobody:nogroup");
        var progress = new RecordingProgress(destinationDirectory);

        var first = await Shell.UploadAsync(upload, progress, CancellationToken.None);
        var second = await Shell.UploadAsync(upload, null, CancellationToken.None);

        var expectedSha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(local)));
        Assert.Equal(new UploadResult(remote, expectedSha, 3 * 1024 * 1024 + 17, Skipped: false), first);
        Assert.True(second.Skipped);
        Assert.Equal(await File.ReadAllBytesAsync(local), await File.ReadAllBytesAsync(remote));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(remote));
        Assert.Equal("nobody:nogroup\n", Tools.Run("stat", "-c", "%U:%G", remote));
        Assert.Equal(["payload.bin"], Directory.GetFiles(destinationDirectory).Select(Path.GetFileName));
        Assert.Equal(new TransferProgress(remote, 3 * 1024 * 1024 + 17, 3 * 1024 * 1024 + 17), progress.Last);
        Assert.Equal([UnixFileMode.UserRead | UnixFileMode.UserWrite], progress.TemporaryModes);

        await File.AppendAllTextAsync(local, "changed");
        var third = await Shell.UploadAsync(upload with { Owner = null }, null, CancellationToken.None);
        Assert.False(third.Skipped);
        Assert.Equal(await File.ReadAllBytesAsync(local), await File.ReadAllBytesAsync(remote));
    }

    [E2EFact]
    public async Task Upload_into_a_missing_directory_fails_naming_it()
    {
        var local = Path.Combine(_scratch, "small.txt");
        await File.WriteAllTextAsync(local, "x");
        var missing = Path.Combine(_scratch, "no such dir");

        var error = await Assert.ThrowsAsync<RemoteException>(() => Shell.UploadAsync(new FileUpload(local, missing + "/small.txt"), null, CancellationToken.None));

        Assert.Equal(RemoteFailureKind.TransferFailed, error.Kind);
        Assert.Contains($"{Shell.Target.Host}: cannot place {missing}/small.txt as {Shell.Target.User}: directory {missing} does not exist", error.Message, StringComparison.Ordinal);
    }

    protected abstract Task<IRemoteShell> OpenShellAsync();

    protected abstract Task DisposeTransportAsync();

    // Progress<T> would post to the thread pool and could arrive after the upload returned; this records inline,
    // and looks at the temporary file while it is being written: it must not be readable by others.
    private sealed class RecordingProgress(string directory) : IProgress<TransferProgress>
    {
        private readonly Lock _lock = new();

        public TransferProgress? Last { get; private set; }

        public HashSet<UnixFileMode> TemporaryModes { get; } = [];

        public void Report(TransferProgress value)
        {
            lock (_lock)
            {
                foreach (var temporary in Directory.GetFiles(directory, ".*.tmp"))
                {
                    TemporaryModes.Add(File.GetUnixFileMode(temporary));
                }

                if (Last is null || value.BytesSent >= Last.BytesSent)
                {
                    Last = value;
                }
            }
        }
    }
}
