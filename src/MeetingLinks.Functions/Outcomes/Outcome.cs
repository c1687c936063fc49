using System.Diagnostics.CodeAnalysis;

namespace MeetingLinks.Outcomes;

/// <summary>A value, or the <see cref="Outcomes.Failure"/> in its place; only functions turn a failure into HTTP.</summary>
public readonly struct Outcome<T>
    where T : notnull
{
    /// <summary>The value; default when the outcome is a failure.</summary>
    public T? Value { get; private init; }

    /// <summary>Why there is no value; null on success.</summary>
    public Failure? Failure { get; private init; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public static implicit operator Outcome<T>(T value) => new() { Value = value ?? throw new ArgumentNullException(nameof(value)) };

    public static implicit operator Outcome<T>(Failure failure) => new() { Failure = failure ?? throw new ArgumentNullException(nameof(failure)) };

    public bool TryGet([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out Failure? failure)
    {
        value = Value;
        failure = Failure;
        return Failure is null;
    }

    /// <summary>Continues with <paramref name="next"/> on success; a failure passes through.</summary>
    public Outcome<TNext> Then<TNext>(Func<T, Outcome<TNext>> next)
        where TNext : notnull
        => Failure is null ? next(Value!) : Failure;

    /// <summary>Continues with <paramref name="next"/> on success; a failure passes through.</summary>
    public async Task<Outcome<TNext>> ThenAsync<TNext>(Func<T, Task<Outcome<TNext>>> next)
        where TNext : notnull
        => Failure is null ? await next(Value!) : Failure;
}
