"""The Python clients on the loopback server's bytes: mean ms per sequential call, then calls/s with 64 threads.

Usage: python_bench.py URL TOKEN CASE SEQUENTIAL CONCURRENT (Debian's python3-monascaclient, python3-watcherclient).
"""
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from keystoneauth1 import session as ks_session
from keystoneauth1 import token_endpoint
from monascaclient import client as monasca_client
from watcherclient import client as watcher_client

url, token, case, sequential, concurrent = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
monasca = monasca_client.Client('2_0', session=ks_session.Session(auth=token_endpoint.Token(url + 'v2.0', token)), endpoint=url + 'v2.0')
watcher = watcher_client.get_client(1, os_auth_token=token, watcher_url=url, os_infra_optim_api_version='1.0')
metrics = [{'name': 'app.requests', 'dimensions': {'hostname': 'web%d' % (i % 10), 'service': 'shop'},
            'timestamp': 1704153600000 + i * 1000, 'value': i * 0.5,
            **({'value_meta': {'unit': 'ms'}} if i % 10 == 0 else {})} for i in range(1000)]
start = '2024-01-01T00:00:00Z'
calls = {
    'm100k': lambda: monasca.metrics.list_measurements(name='m100k', start_time=start),
    'm10k': lambda: monasca.metrics.list_measurements(name='m10k', start_time=start),
    'm10krich': lambda: monasca.metrics.list_measurements(name='m10krich', start_time=start),
    'alarms': lambda: monasca.alarms.list(),
    's1000': lambda: monasca.metrics.list_statistics(name='s1000', statistics='avg,min,max,count,sum', start_time=start),
    'create': lambda: monasca.metrics.create(jsonbody=metrics),
    'audits': lambda: watcher.audit.list(detail=True),
    'plan': lambda: watcher.action_plan.get('4d1f3c2e-8b9a-4f6e-9c1d-2a3b4c5d6e7f'),
    'goals': lambda: watcher.goal.list(),
}
call = calls[case]
for _ in range(max(3, sequential // 10)):
    call()
t = time.perf_counter()
for _ in range(sequential):
    call()
ms = (time.perf_counter() - t) * 1000 / sequential
with ThreadPoolExecutor(64) as pool:
    list(pool.map(lambda _: call(), range(min(concurrent, 256))))
    t = time.perf_counter()
    list(pool.map(lambda _: call(), range(concurrent)))
    per_second = concurrent / (time.perf_counter() - t)
print('%.4f %.2f' % (ms, per_second))
