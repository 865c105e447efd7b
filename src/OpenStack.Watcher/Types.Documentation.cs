namespace OpenStack.Watcher;

// Type-level documentation of the generated types (their members are documented from the spec).

/// <summary>Discovery: the root document (<c>GET /</c>, microversion range) and the v1 document.</summary>
public partial class RootClient
{
}

/// <summary>Discovery: the root document (<c>GET /</c>, microversion range) and the v1 document.</summary>
public partial interface IRootClient
{
}

/// <summary>Goals (read-only), like python-watcherclient's <c>client.goal</c>.</summary>
public partial class GoalsClient
{
}

/// <summary>Goals (read-only), like python-watcherclient's <c>client.goal</c>.</summary>
public partial interface IGoalsClient
{
}

/// <summary>Strategies (read-only) and their state, like <c>client.strategy</c>.</summary>
public partial class StrategiesClient
{
}

/// <summary>Strategies (read-only) and their state, like <c>client.strategy</c>.</summary>
public partial interface IStrategiesClient
{
}

/// <summary>Audit templates, like <c>client.audit_template</c>.</summary>
public partial class AuditTemplatesClient
{
}

/// <summary>Audit templates, like <c>client.audit_template</c>.</summary>
public partial interface IAuditTemplatesClient
{
}

/// <summary>Audits, like <c>client.audit</c>.</summary>
public partial class AuditsClient
{
}

/// <summary>Audits, like <c>client.audit</c>.</summary>
public partial interface IAuditsClient
{
}

/// <summary>Action plans, like <c>client.action_plan</c>.</summary>
public partial class ActionPlansClient
{
}

/// <summary>Action plans, like <c>client.action_plan</c>.</summary>
public partial interface IActionPlansClient
{
}

/// <summary>Actions, like <c>client.action</c>.</summary>
public partial class ActionsClient
{
}

/// <summary>Actions, like <c>client.action</c>.</summary>
public partial interface IActionsClient
{
}

/// <summary>Scoring engines (read-only), like <c>client.scoring_engine</c>.</summary>
public partial class ScoringEnginesClient
{
}

/// <summary>Scoring engines (read-only), like <c>client.scoring_engine</c>.</summary>
public partial interface IScoringEnginesClient
{
}

/// <summary>Watcher's own services (read-only), like <c>client.service</c>.</summary>
public partial class ServicesClient
{
}

/// <summary>Watcher's own services (read-only), like <c>client.service</c>.</summary>
public partial interface IServicesClient
{
}

/// <summary>The decision engine's cluster data model (microversion 1.3), like <c>client.data_model</c>.</summary>
public partial class DataModelClient
{
}

/// <summary>The decision engine's cluster data model (microversion 1.3), like <c>client.data_model</c>.</summary>
public partial interface IDataModelClient
{
}

/// <summary>Webhooks that trigger EVENT audits (microversion 1.4); python-watcherclient has none.</summary>
public partial class WebhooksClient
{
}

/// <summary>Webhooks that trigger EVENT audits (microversion 1.4); python-watcherclient has none.</summary>
public partial interface IWebhooksClient
{
}

/// <summary>An optimization goal.</summary>
public partial class Goal
{
}

/// <summary>A page of goals.</summary>
public partial class GoalCollection
{
}

/// <summary>A strategy that reaches a goal.</summary>
public partial class Strategy
{
}

/// <summary>A page of strategies.</summary>
public partial class StrategyCollection
{
}

/// <summary>One requirement of a strategy and its state (see <see cref="StateText"/>, <see cref="StateEntries"/>, <see cref="IsMandatory"/>).</summary>
public partial class StrategyStateItem
{
}

/// <summary>An audit template.</summary>
public partial class AuditTemplate
{
}

/// <summary>A page of audit templates.</summary>
public partial class AuditTemplateCollection
{
}

/// <summary>The body that creates an audit template.</summary>
public partial class AuditTemplateCreate
{
}

/// <summary>An audit.</summary>
public partial class Audit
{
}

/// <summary>A page of audits.</summary>
public partial class AuditCollection
{
}

/// <summary>The body that creates an audit.</summary>
public partial class AuditCreate
{
}

/// <summary>An action plan.</summary>
public partial class ActionPlan
{
}

/// <summary>A page of action plans.</summary>
public partial class ActionPlanCollection
{
}

/// <summary>An action of an action plan.</summary>
public partial class WatcherAction
{
}

/// <summary>A page of actions.</summary>
public partial class ActionCollection
{
}

/// <summary>A scoring engine.</summary>
public partial class ScoringEngine
{
}

/// <summary>A page of scoring engines.</summary>
public partial class ScoringEngineCollection
{
}

/// <summary>A Watcher service (API, decision engine, applier).</summary>
public partial class Service
{
}

/// <summary>A page of services.</summary>
public partial class WatcherServiceCollection
{
}

/// <summary>The cluster data model as flat rows.</summary>
public partial class DataModel
{
}

/// <summary>One server on its node (microversion 1.3).</summary>
public partial class DataModelRow
{
}

/// <summary>A measured efficacy indicator.</summary>
public partial class EfficacyIndicator
{
}

/// <summary>An indicator a goal's efficacy is measured by.</summary>
public partial class EfficacySpecification
{
}

/// <summary>An error body (see <see cref="WatcherApiException"/> for the parsed fields).</summary>
public partial class Error
{
}

/// <summary>keystonemiddleware's error object.</summary>
public partial class KeystoneError
{
}

/// <summary>A link (<c>self</c>, <c>bookmark</c>, ...).</summary>
public partial class Link
{
}

/// <summary>A media type of the v1 document.</summary>
public partial class MediaType
{
}

/// <summary>A major API version and its microversion range.</summary>
public partial class ApiVersion
{
}

/// <summary>The root (versions) document.</summary>
public partial class RootDocument
{
}

/// <summary>The v1 document.</summary>
public partial class V1Document
{
}

/// <summary>One JSON-Patch operation (see <see cref="WatcherPatch"/>).</summary>
public partial class PatchOperation
{
}

/// <summary>
/// An error answer from Watcher or keystonemiddleware: status, headers, raw body and the parsed error
/// (<see cref="FaultString"/>, <see cref="FaultCode"/>, <see cref="RequestId"/>).
/// </summary>
public partial class WatcherApiException
{
}

/// <summary>An error answer whose body was parsed as <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">The error body type.</typeparam>
public partial class WatcherApiException<TResult>
{
}
