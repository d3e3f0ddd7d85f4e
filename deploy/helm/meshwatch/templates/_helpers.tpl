{{/* The release's full name: the release name when it already says meshwatch, else <release>-meshwatch. */}}
{{- define "meshwatch.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "meshwatch.serviceAccountName" -}}
{{- default (include "meshwatch.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{/* Selector labels: stable for the release's lifetime (a Deployment's selector is immutable). */}}
{{- define "meshwatch.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "meshwatch.labels" -}}
{{ include "meshwatch.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- with .Values.labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* metadata.labels and, when given, metadata.annotations for every object. */}}
{{- define "meshwatch.metadata" -}}
labels:
  {{- include "meshwatch.labels" . | nindent 2 }}
{{- with .Values.annotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
Whether the console's own ServiceAccount patches and creates (events, annotations, restarts): only as
the shared identity of auth.mode=serviceaccount, and never read-only. In auth.mode=user every change
goes out with the person's token, so the ClusterRole keeps its read verbs only.
*/}}
{{- define "meshwatch.consoleWrites" -}}
{{- if and (eq .Values.auth.mode "serviceaccount") (not .Values.readOnly) -}}true{{- end -}}
{{- end -}}

{{/* The injector probe's Role exists only when enabled and meshwatch may write at all. */}}
{{- define "meshwatch.probeEnabled" -}}
{{- if and .Values.injectorProbe.enabled (not .Values.readOnly) -}}true{{- end -}}
{{- end -}}
