using OpenGaussScale.Core.Remote;
using OpenGaussScale.Ssh.Upload;

namespace OpenGaussScale.Ssh.Tests.Upload;

public sealed class UploadProtocolTests
{
    [Fact]
    public void The_temporary_file_is_hidden_in_the_destination_directory()
    {
        var first = UploadProtocol.TemporaryPath("/opt/ogscale/pkg/openGauss.tar.bz2");
        var second = UploadProtocol.TemporaryPath("/opt/ogscale/pkg/openGauss.tar.bz2");

        Assert.Matches(@"^/opt/ogscale/pkg/\.openGauss\.tar\.bz2\.ogscale-[0-9a-f]{32}\.tmp$", first);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("relative/path", "0644", null, "must be an absolute file path")]
    [InlineData("/opt/dir/", "0644", null, "must be an absolute file path")]
    [InlineData("/opt/file", "rw-r--r--", null, "must be octal digits")]
    [InlineData("/opt/file", "0644; rm -rf /", null, "must be octal digits")]
    [InlineData("/opt/file", "0644", "omm:dbgrp extra", "must be USER or USER:GROUP")]
    [InlineData("/opt/file", "0644", "$(id)", "must be USER or USER:GROUP")]
    public async Task Bad_uploads_are_refused_before_anything_runs(string remotePath, string mode, string? owner, string message)
    {
        var shell = new RefusingShell();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            UploadProtocol.RunAsync(shell, new FileUpload("/etc/hostname", remotePath, mode, owner), (_, _, _, _, _) => Task.CompletedTask, null, CancellationToken.None));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private sealed class RefusingShell : IRemoteShell
    {
        public RemoteTarget Target { get; } = new("10.0.0.5", 22, "omm");

        public bool IsLocal => false;

        public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"no command expected, got `{command}`");

        public Task<UploadResult> UploadAsync(FileUpload upload, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no upload expected");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
