using Luarm.Engine.Delivery;
using Luarm.Engine.Evaluation;
using Luarm.Engine.Sinks;
using Luarm.Store.Access;

namespace Luarm.Engine.Hosting;

/// <summary>Everything an engine is started with: the store, the loaded rules and the engine, sink and outbox settings.</summary>
public sealed record EngineSetup(FactStore Store, ActiveRuleSet Rules, EngineOptions Engine, SinksOptions Sinks, OutboxOptions Outbox);
