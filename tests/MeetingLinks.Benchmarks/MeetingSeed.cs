using System.Globalization;
using Azure.Data.Tables;
using MeetingLinks.Connect;
using MeetingLinks.Experts;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Create;
using MeetingLinks.Meetings.Events;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Meetings.Visits;
using MeetingLinks.Notifications;

namespace MeetingLinks.Benchmarks;

/// <summary>A phone number the benchmark searches and erases, with how many meetings it was given.</summary>
/// <param name="Phone">E.164, as stored.</param>
/// <param name="Written">The same number as a person writes it (<c>0049 151 234 56789</c>).</param>
/// <param name="WhatsAppId">The same number as WhatsApp sends it: digits, no plus.</param>
internal sealed record TargetNumber(string Phone, string Written, string WhatsAppId, int Meetings);

/// <summary>
/// A table as months of use leave it: meetings created at all hours over the last 90 days, each written as the app
/// writes it (the mapper's entity and the phone entry; the idempotency key for the last day's, since keys live a day).
/// Most numbers have 1 to 3 meetings; the targets have a fixed number, spread over the 90 days.
/// </summary>
internal sealed class MeetingSeed
{
    public const int Days = 90;

    // A transaction holds at most 100 actions, all in one partition.
    private const int BatchSize = 100;

    private static readonly string[] Names = ["Ana Costa", "Ben Meyer", "Chloé Martin", "David Smith", "Elif Yılmaz", "Fatima Khan", "Jonas Weber", "Mia Rossi"];
    private static readonly string[] Statuses = [MeetingStatus.Created, MeetingStatus.Sent, MeetingStatus.Delivered, MeetingStatus.Read];

    private readonly Random _random;
    private readonly DateTimeOffset _now;
    private readonly HashSet<string> _phones = [];
    private readonly List<TableEntity> _entities = [];
    private readonly Dictionary<DateOnly, int> _perDay = [];

    private MeetingSeed(int seed, DateTimeOffset now)
    {
        _random = new Random(seed);
        _now = now;
    }

    public int Meetings { get; private set; }

    public int Numbers => _phones.Count;

    public int Entities => _entities.Count;

    public IReadOnlyDictionary<DateOnly, int> MeetingsPerDay => _perDay;

    /// <summary>
    /// <paramref name="total"/> meetings, of which those of <paramref name="targets"/> numbers of each size in
    /// <paramref name="targetSizes"/>; the rest go to numbers with 1 to 3 meetings.
    /// </summary>
    public static (MeetingSeed Seed, IReadOnlyList<TargetNumber> Targets) Plan(int total, int[] targetSizes, int targets, DateTimeOffset now)
    {
        var seed = new MeetingSeed(total, now);
        var chosen = new List<TargetNumber>();
        foreach (var size in targetSizes)
        {
            for (var t = 0; t < targets; t++)
            {
                var number = seed.NewNumber();
                for (var i = 0; i < size; i++)
                {
                    // One meeting in each of `size` equal stretches of the 90 days, at a random moment within it.
                    seed.Add(number.Phone, now - TimeSpan.FromDays((Days - 0.01) * (i + seed._random.NextDouble()) / size));
                }

                chosen.Add(number with { Meetings = size });
            }
        }

        while (seed.Meetings < total)
        {
            var phone = seed.NewNumber().Phone;
            var count = Math.Min(total - seed.Meetings, seed._random.Next(10) switch { < 5 => 1, < 8 => 2, _ => 3 });
            for (var i = 0; i < count; i++)
            {
                seed.Add(phone, now - TimeSpan.FromDays((Days - 0.01) * seed._random.NextDouble()));
            }
        }

        return (seed, chosen);
    }

    /// <summary>
    /// <paramref name="total"/> meetings created over the hours of one UTC <paramref name="day"/>, of the kinds a busy day has: a
    /// third with a chain of two experts (some joined, some passed on, some unanswered), a fifth visits booked ahead (reminded,
    /// moved or cancelled), the rest plain; so the day's summary reads the JSON a real day holds.
    /// </summary>
    public static MeetingSeed PlanDay(int total, DateOnly day, DateTimeOffset now)
    {
        var seed = new MeetingSeed(total, now);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        while (seed.Meetings < total)
        {
            var createdAt = start + TimeSpan.FromDays(0.9999 * seed._random.NextDouble());
            var kind = seed._random.Next(15);
            Func<MeetingRecord, MeetingRecord> shape = kind switch
            {
                < 5 => seed.WithExperts,
                < 8 => seed.AsVisit,
                _ => record => record,
            };
            seed.Add(seed.NewNumber().Phone, createdAt, shape);
        }

        return seed;
    }

    /// <summary>Writes everything: one transaction per partition and hundred rows, many at once.</summary>
    public async Task WriteAsync(TableClient table)
    {
        await table.CreateIfNotExistsAsync();
        var batches = _entities.GroupBy(e => e.PartitionKey).SelectMany(p => p.Chunk(BatchSize));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (batch, cancellationToken) =>
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken));
    }

    private void Add(string phone, DateTimeOffset createdAt, Func<MeetingRecord, MeetingRecord>? shape = null)
    {
        var meetingId = MeetingIds.New(createdAt);
        var sub = MeetingIds.NewSub();
        var keyHash = RequestFingerprint.OfKey(sub);
        var status = Statuses[_random.Next(Statuses.Length)];
        var channel = _random.Next(4) == 0 ? "sms" : "whatsapp";
        var links = new[] { Link(IssuedLink.Host, createdAt), Link(IssuedLink.Guest, createdAt) };
        var record = new MeetingRecord
        {
            MeetingId = meetingId,
            Sub = sub,
            CreatedAt = createdAt,
            UpdatedAt = createdAt.AddSeconds(_random.Next(1, 600)),
            Status = status,
            Reference = "CASE-" + _random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture),
            CustomerName = Names[_random.Next(Names.Length)],
            CustomerPhone = phone,
            Channel = channel,
            Hosts = 1,
            Guests = 1,
            ValidFrom = createdAt,
            ExpiresAt = createdAt.AddDays(1),
            VerticalType = "hc",
            Links = links,
            KeyHash = keyHash,
        };

        record = shape?.Invoke(record) ?? record;
        _entities.Add(PhoneIndex.Entry(phone, meetingId));
        _entities.Add(MeetingEntityMapper.ToEntity(record));
        if (status != MeetingStatus.Created && !record.IsCancelled)
        {
            _entities.Add(MeetingEntityMapper.ToEntity(meetingId, new MeetingEvent(status, channel, null, null, "flow", null, createdAt.AddSeconds(5), createdAt.AddSeconds(5))));
        }
        if (createdAt > _now.AddDays(-1))
        {
            _entities.Add(MeetingEntityMapper.ToEntity(new IdempotencyClaim(keyHash, RequestFingerprint.OfKey(meetingId), meetingId, sub, createdAt, createdAt.AddDays(1), IsNew: false)));
        }

        var day = DateOnly.FromDateTime(createdAt.UtcDateTime);
        _perDay[day] = _perDay.GetValueOrDefault(day) + 1;
        Meetings++;
    }

    private IssuedLink Link(string kind, DateTimeOffset createdAt, string batch = IssuedLink.CreateBatch)
    {
        var code = string.Concat(Enumerable.Range(0, 7).Select(_ => (char)('a' + _random.Next(26))));
        return new IssuedLink(kind, "https://instant.webex.com/visit/" + code, code, createdAt, createdAt.AddDays(1), createdAt, batch);
    }

    /// <summary>A chain of two experts, two minutes each: the first joined, or passed it on to the second, who joined, still has it, or let it run out.</summary>
    private MeetingRecord WithExperts(MeetingRecord record)
    {
        var at = record.CreatedAt;
        Delivery Sent(int step) => new(Delivery.Sent, 1, at, MessageId: $"msg-{record.Sub}-{step}", SentAt: at.AddSeconds(1 + (120 * step)));
        ExpertNotification Step(int step, string outcome, Delivery delivery, DateTimeOffset? endedAt = null)
            => new(IssuedLink.CreateBatch, new ExpertTarget(ExpertTarget.Email, $"expert-{step}@bench.example"), delivery, step, outcome, EndedAt: endedAt);
        ExpertResponse Joined(int step) => new(ExpertResponse.Joining, "person-" + step, "Expert " + step, $"msg-{record.Sub}-{step}", at.AddSeconds(60 + (120 * step)));
        FlowEvent Told(string name) => new("chain-" + record.Sub, name, at.AddMinutes(4), new Delivery(Delivery.Sent, 1, at.AddMinutes(4), SentAt: at.AddMinutes(4)));

        (ExpertNotification[] Steps, ExpertResponse? Response, FlowEvent? Told) chain = _random.Next(4) switch
        {
            0 => ([Step(0, ExpertChain.Joining, Sent(0), at.AddMinutes(1)), Step(1, ExpertChain.Queued, Delivery.Queued(at))], Joined(0), Told(FlowEvent.Joining)),
            1 => ([Step(0, ExpertChain.TimedOut, Sent(0), at.AddMinutes(2)), Step(1, ExpertChain.Joining, Sent(1), at.AddMinutes(3))], Joined(1), Told(FlowEvent.Joining)),
            2 => ([Step(0, ExpertChain.TimedOut, Sent(0), at.AddMinutes(2)), Step(1, ExpertChain.TimedOut, Sent(1), at.AddMinutes(4))], null, Told(FlowEvent.Unanswered)),
            _ => ([Step(0, ExpertChain.TimedOut, Sent(0), at.AddMinutes(2)), Step(1, ExpertChain.Waiting, Sent(1))], null, null),
        };
        return record with
        {
            ExpertWait = TimeSpan.FromMinutes(2),
            Notifications = chain.Steps,
            ExpertResponse = chain.Response,
            FlowDeliveries = chain.Told is { } told ? [told] : [],
        };
    }

    /// <summary>A visit booked for a later day with a reminder 15 minutes before, sent or not yet; some moved once, some cancelled.</summary>
    private MeetingRecord AsVisit(MeetingRecord record)
    {
        var startsAt = record.CreatedAt.AddDays(1 + _random.Next(14));
        var reminder = new VisitReminder(TimeSpan.FromMinutes(15), startsAt.AddMinutes(-15), startsAt.AddMinutes(-15) < _now ? VisitReminder.Sent : VisitReminder.Planned);
        var visit = record with { StartsAt = startsAt, DurationMinutes = 30, VisitReminders = [reminder] };
        return _random.Next(5) switch
        {
            0 => visit with { Links = [.. visit.Links, Link(IssuedLink.Host, record.CreatedAt, "r-0a1b2c3d4e5f"), Link(IssuedLink.Guest, record.CreatedAt, "r-0a1b2c3d4e5f")] },
            1 => visit with { Status = MeetingStatus.Cancelled, CancelledAt = record.CreatedAt.AddHours(1), VisitReminders = [reminder with { Status = VisitReminder.Dropped }] },
            _ => visit,
        };
    }

    /// <summary>A new mobile number of one of a few countries, as the app would store it.</summary>
    private TargetNumber NewNumber()
    {
        while (true)
        {
            var (country, national) = _random.Next(5) switch
            {
                0 => ("1", Digits("2-9") + Digits(2) + Digits("2-9") + Digits(6)),
                1 => ("49", "15" + Digits("1-9") + Digits(8)),
                2 => ("44", "7" + Digits("4-9") + Digits(8)),
                3 => ("41", "7" + Digits("5-9") + Digits(7)),
                _ => ("33", Digits("6-7") + Digits(8)),
            };
            var written = $"00{country} {national[..3]} {national[3..6]} {national[6..]}";
            if (PhoneNumberNormalizer.TryNormalize(written, out var phone) && phone == "+" + country + national && _phones.Add(phone))
            {
                return new TargetNumber(phone, written, country + national, 0);
            }
        }
    }

    private string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + _random.Next(10))));

    private string Digits(string range) => ((char)_random.Next(range[0], range[2] + 1)).ToString();
}
