# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# Build of the smkd module inside a waf-based ns-3 tree (ns-3 <= 3.35) as contrib/smkd.
# The lists mirror CMakeLists.txt; utils/check-source-lists.py fails when they differ.

import os
import re

smkd_sources = [
    'helper/cbt-helper.cc',
    'helper/igmp-helper.cc',
    'helper/smkd-central-kdc-helper.cc',
    'helper/smkd-helper.cc',
    'helper/smkd-json-writer.cc',
    'helper/smkd-output-file.cc',
    'helper/smkd-sample-statistics.cc',
    'helper/smkd-sequence-set.cc',
    'helper/smkd-statistics-collector.cc',
    'helper/smkd-statistics-output.cc',
    'helper/smkd-statistics-table.cc',
    'model/cbt-core-map.cc',
    'model/cbt-echo-header.cc',
    'model/cbt-flush-tree-header.cc',
    'model/cbt-forwarding-cache.cc',
    'model/cbt-header.cc',
    'model/cbt-hello-header.cc',
    'model/cbt-join-header.cc',
    'model/cbt-message.cc',
    'model/cbt-option.cc',
    'model/cbt-packet-handle-header.cc',
    'model/cbt-quit-header.cc',
    'model/cbt-routing-data.cc',
    'model/cbt-routing-echo.cc',
    'model/cbt-routing-handle.cc',
    'model/cbt-routing-hello.cc',
    'model/cbt-routing-join.cc',
    'model/cbt-routing-protocol.cc',
    'model/igmp-floating-code.cc',
    'model/igmp-group-record.cc',
    'model/igmp-header.cc',
    'model/igmp-host-routing.cc',
    'model/igmp-host-state.cc',
    'model/igmp-host.cc',
    'model/igmp-message.cc',
    'model/igmp-query-header.cc',
    'model/igmp-router-group-state.cc',
    'model/igmp-router.cc',
    'model/igmp-secure-report.cc',
    'model/igmp-v1v2-header.cc',
    'model/igmp-v3-report-header.cc',
    'model/internet-checksum.cc',
    'model/ip-protocol-receiver.cc',
    'model/link-local-sender.cc',
    'model/smkd-access-list.cc',
    'model/smkd-acl-submission.cc',
    'model/smkd-aes-gcm.cc',
    'model/smkd-byte-codec.cc',
    'model/smkd-central-kdc-client.cc',
    'model/smkd-central-kdc.cc',
    'model/smkd-crypto-cost.cc',
    'model/smkd-crypto-engine.cc',
    'model/smkd-crypto-suite.cc',
    'model/smkd-crypto-types.cc',
    'model/smkd-data-header.cc',
    'model/smkd-data-key.cc',
    'model/smkd-data-protector.cc',
    'model/smkd-drbg.cc',
    'model/smkd-exclusion.cc',
    'model/smkd-gkdc.cc',
    'model/smkd-group-initiator.cc',
    'model/smkd-group-key-message.cc',
    'model/smkd-host-agent.cc',
    'model/smkd-host-lkh.cc',
    'model/smkd-host-rekey.cc',
    'model/smkd-host-sender.cc',
    'model/smkd-kdc-message.cc',
    'model/smkd-key-bundle.cc',
    'model/smkd-key-delivery.cc',
    'model/smkd-key-directory.cc',
    'model/smkd-key-pair.cc',
    'model/smkd-key-tree-member.cc',
    'model/smkd-key-tree-rekey.cc',
    'model/smkd-key-tree.cc',
    'model/smkd-lkh-exclusion.cc',
    'model/smkd-management-message.cc',
    'model/smkd-openssl.cc',
    'model/smkd-packet-handle.cc',
    'model/smkd-placeholder-generator.cc',
    'model/smkd-rekey.cc',
    'model/smkd-replay-window.cc',
    'model/smkd-rsa-key-pool.cc',
    'model/smkd-seal.cc',
    'model/smkd-secure-join.cc',
    'model/smkd-secure-receiver.cc',
    'model/smkd-secure-sender.cc',
    'model/smkd-sender-key.cc',
    'model/smkd-sender-registration.cc',
    'model/smkd-signature.cc',
    'model/smkd-simulated-cpu.cc',
    'model/smkd-token.cc',
    'model/wire-reader.cc',
]

smkd_headers = [
    'helper/cbt-helper.h',
    'helper/igmp-helper.h',
    'helper/smkd-central-kdc-helper.h',
    'helper/smkd-helper.h',
    'helper/smkd-json-writer.h',
    'helper/smkd-output-file.h',
    'helper/smkd-sample-statistics.h',
    'helper/smkd-sequence-set.h',
    'helper/smkd-statistics-collector.h',
    'helper/smkd-statistics-output.h',
    'helper/smkd-statistics-results.h',
    'helper/smkd-statistics-table.h',
    'model/cbt-core-map.h',
    'model/cbt-echo-header.h',
    'model/cbt-flush-tree-header.h',
    'model/cbt-forwarding-cache.h',
    'model/cbt-header.h',
    'model/cbt-hello-header.h',
    'model/cbt-join-header.h',
    'model/cbt-message.h',
    'model/cbt-option.h',
    'model/cbt-packet-handle-header.h',
    'model/cbt-quit-header.h',
    'model/cbt-routing-protocol.h',
    'model/igmp-floating-code.h',
    'model/igmp-group-record.h',
    'model/igmp-header.h',
    'model/igmp-host-routing.h',
    'model/igmp-host-state.h',
    'model/igmp-host.h',
    'model/igmp-message.h',
    'model/igmp-query-header.h',
    'model/igmp-router-group-state.h',
    'model/igmp-router.h',
    'model/igmp-secure-report.h',
    'model/igmp-v1v2-header.h',
    'model/igmp-v3-report-header.h',
    'model/internet-checksum.h',
    'model/ip-protocol-receiver.h',
    'model/link-local-sender.h',
    'model/smkd-access-list.h',
    'model/smkd-acl-submission.h',
    'model/smkd-aes-gcm.h',
    'model/smkd-byte-codec.h',
    'model/smkd-central-kdc-client.h',
    'model/smkd-central-kdc.h',
    'model/smkd-crypto-cost.h',
    'model/smkd-crypto-engine.h',
    'model/smkd-crypto-suite.h',
    'model/smkd-crypto-types.h',
    'model/smkd-data-header.h',
    'model/smkd-data-key.h',
    'model/smkd-data-protector.h',
    'model/smkd-drbg.h',
    'model/smkd-gkdc.h',
    'model/smkd-group-initiator.h',
    'model/smkd-group-key-message.h',
    'model/smkd-host-agent.h',
    'model/smkd-kdc-message.h',
    'model/smkd-key-bundle.h',
    'model/smkd-key-delivery.h',
    'model/smkd-key-directory.h',
    'model/smkd-key-pair.h',
    'model/smkd-key-tree-member.h',
    'model/smkd-key-tree-rekey.h',
    'model/smkd-key-tree.h',
    'model/smkd-management-message.h',
    'model/smkd-ns3-compat.h',
    'model/smkd-openssl.h',
    'model/smkd-placeholder-generator.h',
    'model/smkd-replay-window.h',
    'model/smkd-rsa-key-pool.h',
    'model/smkd-seal.h',
    'model/smkd-secure-receiver.h',
    'model/smkd-secure-sender.h',
    'model/smkd-sender-key.h',
    'model/smkd-signature.h',
    'model/smkd-simulated-cpu.h',
    'model/smkd-token.h',
    'model/smkd-version.h',
    'model/wire-reader.h',
]

smkd_test_sources = [
    'test/cbt-malformed-input-test-suite.cc',
    'test/cbt-router-test-suite.cc',
    'test/cbt-test-network.cc',
    'test/cbt-wire-format-test-suite.cc',
    'test/igmp-host-state-test-suite.cc',
    'test/igmp-linux-interop-test-suite.cc',
    'test/igmp-malformed-input-test-suite.cc',
    'test/igmp-protocol-test-suite.cc',
    'test/igmp-router-state-test-suite.cc',
    'test/igmp-tshark-test-suite.cc',
    'test/igmp-wire-format-test-suite.cc',
    'test/smkd-central-kdc-test-suite.cc',
    'test/smkd-crypto-test-suite.cc',
    'test/smkd-data-protection-test-suite.cc',
    'test/smkd-exclusion-test-suite.cc',
    'test/smkd-gkdc-setup-test-suite.cc',
    'test/smkd-key-tree-test-suite.cc',
    'test/smkd-lkh-exclusion-test-suite.cc',
    'test/smkd-packet-handle-test-suite.cc',
    'test/smkd-payload-test-suite.cc',
    'test/smkd-protected-data-test-suite.cc',
    'test/smkd-rekey-test-suite.cc',
    'test/smkd-secure-join-test-suite.cc',
    'test/smkd-secure-tree.cc',
    'test/smkd-sender-key-test-suite.cc',
    'test/smkd-simulated-cpu-test-suite.cc',
    'test/smkd-statistics-test-suite.cc',
]

smkd_ns3_modules = ['core', 'network', 'internet', 'point-to-point', 'csma', 'stats']


def _ns3_minor_version(conf):
    """Minor version of the enclosing ns-3 tree, from its top-level VERSION file."""
    node = conf.srcnode.find_node('VERSION')
    text = node.read() if node else ''
    match = re.match(r'\s*3\.(\d+)', text)
    if not match:
        conf.fatal('smkd: cannot read the ns-3 version from %s' % (node.abspath() if node else 'VERSION'))
    return int(match.group(1))


def configure(conf):
    # The crypto layer needs OpenSSL >= 3.0 (EVP_MAC, EVP_KDF, OSSL_PARAM).
    conf.check_cfg(package='libcrypto', uselib_store='OPENSSL', atleast_version='3.0.0',
                   args=['--cflags', '--libs'], mandatory=True)
    conf.env.append_value('DEFINES', 'SMKD_NS3_VERSION_MINOR=%d' % _ns3_minor_version(conf))
    conf.env.append_value('DEFINES', 'SMKD_SOURCE_DIR="%s"' % conf.path.abspath())


def build(bld):
    module = bld.create_ns3_module('smkd', smkd_ns3_modules)
    module.source = smkd_sources
    module.use.append('OPENSSL')

    module_test = bld.create_ns3_module_test_library('smkd')
    module_test.source = smkd_test_sources

    headers = bld(features='ns3header')
    headers.module = 'smkd'
    headers.source = smkd_headers

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
