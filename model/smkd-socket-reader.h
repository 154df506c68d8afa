/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SOCKET_READER_H
#define SMKD_SOCKET_READER_H

#include "smkd-crypto-types.h"

#include "ns3/packet.h"
#include "ns3/socket.h"

namespace ns3
{
namespace smkd
{

/**
 * \ingroup smkd
 * \brief Read every datagram waiting on \p socket as one \p Message (a type
 * with a static Parse(bytes, message) that says whether the bytes hold one).
 * \param socket a socket whose receive callback fired
 * \param take called with each datagram that parses
 * \param malformed called for each one that does not (count and drop it)
 */
template <class Message, class Take, class Malformed>
void
ReadMessages(Ptr<Socket> socket, Take take, Malformed malformed)
{
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        Bytes bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        Message m;
        if (Message::Parse(bytes, m))
        {
            take(m);
        }
        else
        {
            malformed();
        }
    }
}

} // namespace smkd
} // namespace ns3

#endif /* SMKD_SOCKET_READER_H */
