/** The StartTimer / CancelTimer decisions: durable timers that wake the decider when they fire. */
import { scheduleDecisionTask } from './decisionTasks';
import type { Execution } from './model';
import type { SandboxState } from './state';

export interface TimerRequest {
  timerId: string;
  startToFireTimeout: string;
  control?: string;
}

export function startTimer(state: SandboxState, execution: Execution, request: TimerRequest, decisionTaskCompletedEventId: number): void {
  const { timerId } = request;
  if (execution.timers.has(timerId)) {
    execution.history.record('StartTimerFailed', { timerId, cause: 'TIMER_ID_ALREADY_IN_USE', decisionTaskCompletedEventId });
    scheduleDecisionTask(state, execution);
    return;
  }
  const startedEventId = execution.history.record('TimerStarted', { ...request, decisionTaskCompletedEventId });
  const timer = { timerId, startedEventId, handle: state.timers.afterSeconds(request.startToFireTimeout, () => fire()) };
  const fire = (): void => {
    if (execution.timers.get(timerId) !== timer) return;
    execution.timers.delete(timerId);
    execution.history.record('TimerFired', { timerId, startedEventId });
    scheduleDecisionTask(state, execution);
  };
  execution.timers.set(timerId, timer);
}

export function cancelTimer(state: SandboxState, execution: Execution, timerId: string, decisionTaskCompletedEventId: number): void {
  const timer = execution.timers.get(timerId);
  if (!timer) {
    execution.history.record('CancelTimerFailed', { timerId, cause: 'TIMER_ID_UNKNOWN', decisionTaskCompletedEventId });
    scheduleDecisionTask(state, execution);
    return;
  }
  state.timers.cancel(timer.handle);
  execution.timers.delete(timerId);
  execution.history.record('TimerCanceled', { timerId, startedEventId: timer.startedEventId, decisionTaskCompletedEventId });
}
