"""Writes patch-mean.onnx, the test model of a front-end card (udfs ModelStreamFrontEndTest): input x
[N, 187, 96] (MusiCNN's patch), output y [N, 96], the mean of a patch's frames (ReduceMean over axis 1, ONNX
opset 13). The protobuf is written by hand (no onnx package needed); regenerate with
  python3 bench/models/patch-mean-onnx.py udfs/src/test/resources/org/trackflow/udfs/model/patch-mean.onnx"""
import sys


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(num, wire, payload):
    key = varint((num << 3) | wire)
    if wire == 0:
        return key + varint(payload)
    return key + varint(len(payload)) + payload


def s(num, text):
    return field(num, 2, text.encode())


def msg(num, *parts):
    return field(num, 2, b"".join(parts))


def dim_value(v):
    return msg(1, field(1, 0, v))


def dim_param(p):
    return msg(1, s(2, p))


def value_info(name, dims):
    shape = b"".join(dims)
    tensor = field(1, 0, 1) + field(2, 2, shape)  # elem_type FLOAT, shape
    return s(1, name) + msg(2, msg(1, tensor))


node = s(1, "x") + s(2, "y") + s(4, "ReduceMean") \
    + msg(5, s(1, "axes"), field(8, 0, 1), field(20, 0, 7)) \
    + msg(5, s(1, "keepdims"), field(3, 0, 0), field(20, 0, 2))
graph = msg(1, node) + s(2, "patch-mean") \
    + field(11, 2, value_info("x", [dim_param("N"), dim_value(187), dim_value(96)])) \
    + field(12, 2, value_info("y", [dim_param("N"), dim_value(96)]))
model = field(1, 0, 8) + s(2, "trackflow-test") + field(7, 2, graph) + msg(8, s(1, ""), field(2, 0, 13))
with open(sys.argv[1], "wb") as f:
    f.write(model)
