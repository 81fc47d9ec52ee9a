namespace OpenGaussScale.Playground.Hosts;

/// <summary>Holds the current state of a verb that changes it, and saves every change at once (parallel host tasks included).</summary>
public sealed class PlaygroundStateKeeper(PlaygroundLayout layout, PlaygroundState initial)
{
    private readonly Lock _lock = new();
    private PlaygroundState _state = initial;

    public PlaygroundState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public PlaygroundState Update(Func<PlaygroundState, PlaygroundState> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            _state = change(_state);
            PlaygroundStateStore.Save(layout, _state);
            return _state;
        }
    }

    public PlaygroundState UpdateHost(int number, Func<HostState, HostState> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Update(s => s.WithHost(change(s.Host(number))));
    }
}
